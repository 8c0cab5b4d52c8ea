"""`python manage.py restore_check DIR`: does this database and its file storage hold exactly
what the backup in DIR held? Every table (rows and content) and every file (SHA-256)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Jämför databasen och de lagrade filerna med manifestet i en säkerhetskopia "
        "(efter en återläsning). Avslutar med fel vid minsta skillnad."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Katalogen som manage.py backup skrev.")

    def handle(self, *args, directory, **options):
        try:
            expected = backup.read_manifest(Path(directory))
        except FileNotFoundError as error:
            raise CommandError(f"Hittar ingen {backup.MANIFEST} i {directory}.") from error
        result = backup.compare(expected, backup.manifest())
        for difference in result.differences:
            self.stderr.write(difference)
        if not result.ok:
            raise CommandError(f"{len(result.differences)} skillnader mot säkerhetskopian.")
        self.stdout.write(
            f"Återläsningen stämmer: {result.tables} tabeller, {result.rows} rader och "
            f"{result.files} filer är som i säkerhetskopian från {expected.get('created_at', '?')}."
        )
