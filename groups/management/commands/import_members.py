from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from groups.importing import import_members


class Command(BaseCommand):
    help = "Importera en medlemslista (CSV eller XLSX). Alla rader eller ingen sparas."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"Filen {file} finns inte.")
        result = import_members(file.read_bytes(), file.name, actor=None)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError("Inget importerades: rätta raderna ovan och försök igen.")
        self.stdout.write(
            f"Importerade {result.created_memberships} medlemskap "
            f"och {result.created_people} nya personer."
        )
