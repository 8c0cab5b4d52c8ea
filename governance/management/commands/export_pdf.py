"""`manage.py export_pdf KIND ID -o FILE`: a document as archive-grade PDF, for batch archiving.

Each kind maps to a function (id) -> (file name, PDF bytes). Apps add their kinds to KINDS.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from governance.documents.commissions import commission_pdf

KINDS = {
    "commission": commission_pdf,
}


class Command(BaseCommand):
    help = "Exportera ett dokument som PDF/A (t.ex. export_pdf commission 12 -o uppdrag.pdf)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="Dokumenttyp.")
        parser.add_argument("id", type=int, help="Dokumentets id.")
        parser.add_argument(
            "-o", "--output", help="Fil att skriva till; utan den används dokumentets filnamn."
        )

    def handle(self, *args, kind, id, output=None, **options):
        try:
            filename, pdf = KINDS[kind](id)
        except Http404 as error:
            raise CommandError(f"Hittade inget dokument av typen {kind} med id {id}.") from error
        path = Path(output or filename)
        path.write_bytes(pdf)
        self.stdout.write(f"Skrev {path} ({len(pdf)} byte).")
