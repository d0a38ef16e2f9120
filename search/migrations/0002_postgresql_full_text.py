"""PostgreSQL only: the extensions, the `hok_swedish` text search configuration, the generated
tsvector column and the GIN indexes (search/models.py says why they are not model fields).

`unaccent` and `pg_trgm` are trusted extensions (PostgreSQL 13+): the database's owner may
create them, as may the superuser CI and docker-compose connect as. SQLite skips all of this.
"""

from django.db import migrations

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # PostgreSQL's Swedish configuration, with accents taken off every word before the Swedish
    # stemmer sees it (ASCII words have none to take off).
    "CREATE TEXT SEARCH CONFIGURATION hok_swedish (COPY = pg_catalog.swedish)",
    "ALTER TEXT SEARCH CONFIGURATION hok_swedish"
    " ALTER MAPPING FOR word, hword, hword_part WITH unaccent, swedish_stem",
    # Written by PostgreSQL on every insert and update: the index cannot fall behind the row.
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('hok_swedish'::regconfig, title), 'A') ||"
    " setweight(to_tsvector('hok_swedish'::regconfig, body), 'B')) STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
    "CREATE INDEX search_entry_name_trigrams ON search_searchentry USING gin (name gin_trgm_ops)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS search_entry_name_trigrams",
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS hok_swedish",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS), elidable=False)]
