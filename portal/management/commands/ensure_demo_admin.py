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
        lines = [
            "",
            "Samverkansportalen: http://127.0.0.1:8000",
            f"Demoinloggning – användarnamn: {USERNAME}  lösenord: {PASSWORD}",
        ]
        others = (
            get_user_model()
            .objects.filter(username__in=["sammankallande", "sekreterare"], is_active=True)
            .order_by("username")
        )
        for other in others:
            lines.append(
                f"Fler demoinloggningar: {other.username} / {PASSWORD} ({other.get_full_name()})"
            )
        self.stdout.write(self.style.SUCCESS("\n".join(lines) + "\n"))
