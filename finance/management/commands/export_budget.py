from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from finance import exporting, selectors


class Command(BaseCommand):
    help = "Exportera en budget som CSV, XLSX eller PDF."

    def add_arguments(self, parser):
        parser.add_argument("budget_id", type=int)
        parser.add_argument("--format", choices=exporting.FORMATS, default="csv")
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--revision", type=int, help="Revisionens nummer (annars den senaste).")

    def handle(self, *args, budget_id: int, format: str, output: Path, revision, **options):
        view = selectors.budget_view(budget_id, revision_number=revision)
        if view is None:
            raise CommandError(f"Budget {budget_id} (eller revisionen) finns inte.")
        Path(output).write_bytes(exporting.export(view, format))
        self.stdout.write(f"{output} ({format}, revision {view.revision.number})")
