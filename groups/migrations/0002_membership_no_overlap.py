"""On PostgreSQL, the database itself refuses overlapping memberships of a person in a group.

SQLite (the zero-setup default of `make run`) has no exclusion constraints; there the rule is
enforced by Membership.clean(), which every service runs before saving.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE groups_membership ADD CONSTRAINT membership_no_overlap EXCLUDE USING gist (
    person_id WITH =,
    group_id WITH =,
    daterange(start_date, end_date, '[]') WITH &&
);
"""
DROP = "ALTER TABLE groups_membership DROP CONSTRAINT IF EXISTS membership_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
