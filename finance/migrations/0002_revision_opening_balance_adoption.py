"""The opening balance moves from the budget to each revision; adoption date and superseded-by.

The RunPython carries the existing data with the schema change (not demo data): every revision,
and every historical revision row, gets the opening balance its budget had, so each revision's
table shows the same figures after the migration as before it. Adopted budgets get the adopting
decision's date as their adoption date.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_opening_balance_to_revisions(apps, schema_editor):
    Budget = apps.get_model("finance", "Budget")
    BudgetRevision = apps.get_model("finance", "BudgetRevision")
    HistoricalBudget = apps.get_model("finance", "HistoricalBudget")
    HistoricalBudgetRevision = apps.get_model("finance", "HistoricalBudgetRevision")
    # Historical models from `apps` carry no history tracking, so saving them writes no
    # history rows: the rows below are the data being moved, not changes by anyone.
    for budget in Budget.objects.select_related("adopted_by"):
        for revision in BudgetRevision.objects.filter(budget_id=budget.pk):
            revision.opening_balance = budget.opening_balance
            revision.save(update_fields=["opening_balance"])
        if budget.adopted_by_id and budget.adopted_on is None:
            budget.adopted_on = budget.adopted_by.decision_date
            budget.save(update_fields=["adopted_on"])
    # A historical revision row gets the budget's opening balance as it stood at that time.
    for record in HistoricalBudgetRevision.objects.all():
        then = (
            HistoricalBudget.objects.filter(id=record.budget_id, history_date__lte=record.history_date)
            .order_by("-history_date")
            .first()
        )
        if then is None:
            then = HistoricalBudget.objects.filter(id=record.budget_id).order_by("history_date").first()
        if then is not None:
            record.opening_balance = then.opening_balance
            record.save(update_fields=["opening_balance"])


def copy_opening_balance_back(apps, schema_editor):
    Budget = apps.get_model("finance", "Budget")
    BudgetRevision = apps.get_model("finance", "BudgetRevision")
    for budget in Budget.objects.all():
        latest = BudgetRevision.objects.filter(budget_id=budget.pk).order_by("-number").first()
        if latest is not None:
            budget.opening_balance = latest.opening_balance
            budget.save(update_fields=["opening_balance"])


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_budgets"),
    ]

    operations = [
        migrations.AddField(
            model_name="budget",
            name="adopted_on",
            field=models.DateField(blank=True, null=True, verbose_name="fastställd den"),
        ),
        migrations.AddField(
            model_name="budget",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="supersedes",
                to="finance.budget",
                verbose_name="ersatt av",
            ),
        ),
        migrations.AddField(
            model_name="budgetrevision",
            name="opening_balance",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                help_text="Ackumulerat överskott som förs in i budgetens första år. Varje revision har sin egen, så att tidigare revisioner behåller sina siffror.",
                max_digits=14,
                verbose_name="ingående balans första året",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudget",
            name="adopted_on",
            field=models.DateField(blank=True, null=True, verbose_name="fastställd den"),
        ),
        migrations.AddField(
            model_name="historicalbudget",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="finance.budget",
                verbose_name="ersatt av",
            ),
        ),
        migrations.AddField(
            model_name="historicalbudgetrevision",
            name="opening_balance",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                help_text="Ackumulerat överskott som förs in i budgetens första år. Varje revision har sin egen, så att tidigare revisioner behåller sina siffror.",
                max_digits=14,
                verbose_name="ingående balans första året",
            ),
        ),
        migrations.RunPython(copy_opening_balance_to_revisions, copy_opening_balance_back),
        migrations.RemoveField(
            model_name="budget",
            name="opening_balance",
        ),
        migrations.RemoveField(
            model_name="historicalbudget",
            name="opening_balance",
        ),
    ]
