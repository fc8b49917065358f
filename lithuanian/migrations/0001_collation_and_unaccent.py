"""PostgreSQL: the Lithuanian ICU collation and the unaccent extension used for ordering and search.
SQLite gets both from Python on each connection (lithuanian.collation.install_on_sqlite)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # PostgreSQL built with ICU has pg_catalog."lt-x-icu"; create it where it does not.
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'lt-x-icu') THEN
           CREATE COLLATION "lt-x-icu" (provider = icu, locale = 'lt');
         END IF;
       END $$""",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
