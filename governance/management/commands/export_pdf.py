"""`python manage.py export_pdf KIND ID -o FILE`: a governance paper as archive-grade PDF.

KINDS maps each kind to a renderer(id) -> (PDF bytes, suggested file name); each subject adds
its own entries. Used for batch archiving.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from governance.documents.commissions import commission_pdf
from governance.documents.meetings import agenda_pdf, decision_extract_pdf, minutes_pdf
from portal.pdf_limits import PdfRefused

KINDS = {
    "commission": commission_pdf,
    "decision": decision_extract_pdf,
    "minutes": minutes_pdf,
    "agenda": agenda_pdf,
}


class Command(BaseCommand):
    help = (
        "Skriv ut ett dokument som PDF/A: commission = uppdrag, decision = protokollsutdrag, "
        "minutes = protokoll, agenda = kallelse (t.ex. export_pdf decision 12 -o beslut.pdf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="Dokumenttyp.")
        parser.add_argument("id", type=int, help="Dokumentets id.")
        parser.add_argument(
            "-o", "--output", help="Fil att skriva till; utan den används dokumentets filnamn."
        )

    def handle(self, *args, kind, id, output=None, **options):
        try:
            pdf, filename = KINDS[kind](id)
        except Http404 as error:
            raise CommandError(f"Hittade inget dokument av typen {kind} med id {id}.") from error
        except PdfRefused as error:  # over PDF_TIMEOUT_SECONDS or PDF_MEMORY_LIMIT_MB
            raise CommandError(error.message) from error
        path = Path(output or filename)
        path.write_bytes(pdf)
        self.stdout.write(f"Skrev {path} ({len(pdf)} byte).")
