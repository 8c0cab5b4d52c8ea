"""`manage.py send_queued_mail`: put every queued message whose attempt is due in the task
queue again (run every few minutes by deploy/samverkan-mail.timer). Harmless to repeat: a
message is sent once, under its row lock."""

from django.core.management.base import BaseCommand

from notifications.scheduling import enqueue_due


class Command(BaseCommand):
    help = "Lägg e-post som väntar på ett nytt försök i kön igen."

    def handle(self, *args, **options):
        self.stdout.write(f"E-post i kö på nytt: {enqueue_due()}.")
