"""`manage.py run_daily_jobs`: the daily reminders, then whatever mail is due (a retry the task
backend could not defer, or a task that was lost). Run once a day by the systemd timer in
deploy/ (docs/deployment.md); running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from notifications.reminders import run_reminders
from notifications.scheduling import enqueue_due


class Command(BaseCommand):
    help = "Skicka dagens påminnelser och e-post som väntar på ett nytt försök."

    def handle(self, *args, **options):
        counts = run_reminders()
        due = enqueue_due()
        summary = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        self.stdout.write(f"Påminnelser: {summary}. E-post i kö på nytt: {due}.")
