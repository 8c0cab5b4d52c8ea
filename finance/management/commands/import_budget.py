from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finance.importing import import_budget
from groups.models import Group


class Command(BaseCommand):
    help = "Importera en budget från CSV eller XLSX. Skriver ut den nya budgetens id."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--owner", required=True, help="Ägande organ, t.ex. ”Södra Regionvårdsnämnden”."
        )
        parser.add_argument("--title", required=True, help="Budgetens rubrik.")

    def handle(self, *args, file: Path, owner: str, title: str, **options):
        if not Path(file).is_file():
            raise CommandError(f"Filen {file} finns inte.")
        owners = list(Group.objects.filter(name__iexact=owner.strip()))
        if not owners:
            raise CommandError(f"Det finns ingen grupp som heter ”{owner}”.")
        if len(owners) > 1:
            raise CommandError(
                f"Flera grupper heter ”{owner}” (i olika sjukvårdsregioner); "
                "importera via webbsidan."
            )
        result = import_budget(
            Path(file).read_bytes(), Path(file).name, owner=owners[0], title=title, actor=None
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Inget importerades: {len(result.errors)} fel.")
        self.stdout.write(str(result.budget.pk))
