from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # With Redis configured, 0002 found no database cache to create a table for; the database
    # cache is now Redis's fallback (hok/cache.py). createcachetable skips an existing table.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("hok", "0002_arbetsgruppen_and_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
