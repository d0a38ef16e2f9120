"""An index in Swedish alphabetical order on the organisations' names, so the directory's
first page is read off the index instead of sorting every organisation (PostgreSQL only: the
ICU collation the directory sorts by, agreements.selectors.directory.SWEDISH_COLLATION, exists
only there; elsewhere the directory sorts in the database's own order, unindexed)."""

from django.db import migrations

INDEX = "agreements_organisation_name_sv"
CREATE = (
    f'CREATE INDEX IF NOT EXISTS {INDEX} ON agreements_organisation ((name COLLATE "sv-x-icu"), id)'
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def _on_postgresql(statement: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_revision_proposals")]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
