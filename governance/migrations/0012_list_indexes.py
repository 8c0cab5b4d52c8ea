# The list pages' orderings (selectors.decisions.REGISTER_COLUMNS, selectors.meetings.
# MEETING_COLUMNS), each with its tie-breaker so a sorted page is read from an index.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0011_dispatch"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["title", "id"], name="decision_title_order"),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["registry_number", "id"], name="decision_registry_order"),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["decision_date", "id"], name="decision_date_order"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["title", "-starts_at", "-id"], name="meeting_title_order"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["place", "-starts_at", "-id"], name="meeting_place_order"),
        ),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["status", "-starts_at", "-id"], name="meeting_status_order"),
        ),
    ]
