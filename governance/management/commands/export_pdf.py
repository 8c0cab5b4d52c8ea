"""`python manage.py export_pdf KIND ID -o FILE`: any governance paper as PDF.

KINDS is a registry of kind → renderer(id) -> (pdf bytes, suggested file name); each subject
adds its own entries.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from governance.documents import agenda_pdf, decision_extract_pdf, minutes_pdf

KINDS = {
    "decision": decision_extract_pdf,
    "minutes": minutes_pdf,
    "agenda": agenda_pdf,
}


class Command(BaseCommand):
    help = (
        "Skriv ut ett dokument som PDF/A: decision = protokollsutdrag, minutes = protokoll, "
        "agenda = kallelse."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("id", type=int)
        parser.add_argument("-o", "--output", help="Filnamn (standard: föreslaget namn).")

    def handle(self, *args, kind, id, output=None, **options):
        try:
            pdf, filename = KINDS[kind](id)
        except Http404 as error:
            raise CommandError(f"Hittar inget dokument av typen {kind} med id {id}.") from error
        path = Path(output or filename)
        path.write_bytes(pdf)
        self.stdout.write(f"{path} ({len(pdf)} byte)")
