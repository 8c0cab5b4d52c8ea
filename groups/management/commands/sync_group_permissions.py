from django.core.management.base import BaseCommand

from groups.services import group_permissions_sync


class Command(BaseCommand):
    help = (
        "För gruppbehörigheterna i takt med dagens medlemskap. Körs dagligen (t.ex. kl. 00.05) "
        "så att uppdrag som börjar eller slutar ett visst datum ger eller tar behörighet då."
    )

    def handle(self, *args, **options):
        result = group_permissions_sync()
        self.stdout.write(
            f"Behörigheter: {result['granted']} tillagda, {result['revoked']} borttagna."
        )
