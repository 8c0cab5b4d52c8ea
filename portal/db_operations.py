"""Migration operations for what only PostgreSQL has (search vectors, trigram indexes)."""

from django.db import migrations


def postgres_only_sql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """Run these statements on PostgreSQL and do nothing on SQLite (the embedded default keeps
    its simple fallbacks). Outside the model state: Django does not know these objects."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for statement in statements:
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(backward))
