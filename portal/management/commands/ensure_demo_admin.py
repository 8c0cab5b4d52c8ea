from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from accounts.demo import ensure_demo_devices
from portal.access import ADMINISTRATORS_GROUP

USERNAME = "admin"
PASSWORD = "Samverkan-2026!"
# The demo's logins for people in groups (created by load_demo), and what each may try.
OTHER_LOGINS = {
    "sammankallande": "sammankallande i RAG Barnonkologi och hematologi",
    "sekreterare": "sekreterare i Södra Regionvårdsnämnden och dess kansli",
    "justerare": "justerare av nämndens protokoll som väntar på justering",
    "ledamot": "ledamot i RAG Barnonkologi och hematologi, utan ledande roll",
}


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
            .objects.filter(username__in=OTHER_LOGINS, is_active=True)
            .in_bulk(field_name="username")
        )
        for username, role in OTHER_LOGINS.items():
            if username in others:
                lines.append(
                    f"Fler demoinloggningar: {username} / {PASSWORD} "
                    f"({others[username].get_full_name()}, {role})"
                )
        lines += ensure_demo_devices([USERNAME, *OTHER_LOGINS])
        self.stdout.write(self.style.SUCCESS("\n".join(lines) + "\n"))
