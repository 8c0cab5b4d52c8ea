from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from portal.access import ADMINISTRATORS_GROUP

USERNAME = "admin"
PASSWORD = "Samverkan-2026!"


class Command(BaseCommand):
    help = "Skapa demoadministratören (bara för utveckling och demo) och skriv ut inloggningen."

    def handle(self, *args, **options):
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME,
            defaults={"first_name": "Demo", "last_name": "Administratör", "is_staff": True},
        )
        if created or not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            user.is_active = True
            user.save()
        group, _ = Group.objects.get_or_create(name=ADMINISTRATORS_GROUP)
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                "\nSamverkansportalen: http://127.0.0.1:8000\n"
                f"Demoinloggning – användarnamn: {USERNAME}  lösenord: {PASSWORD}\n"
            )
        )
