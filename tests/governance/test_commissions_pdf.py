"""The seed commissions as archive-grade PDFs, from the demo data, the page and `export_pdf`."""

import re
import subprocess

import pikepdf
import pytest
from django.core.management import call_command

from governance.demo import commissions as demo
from governance.models import Commission, CommissionStatus, DeliverableStatus
from groups import demo as groups_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds(db):
    groups_demo.load()
    demo.load()
    return {
        "000": Commission.objects.get(title="Test av arbetssätt med team och länsamordnare"),
        "002": Commission.objects.get(title__startswith="Regional arbetsgrupp Barnonkologi"),
        "001": Commission.objects.get(title__startswith="Projekt regional arbetsfördelning"),
    }


def run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_demo_is_idempotent_and_has_the_seed_statuses(seeds):
    assert demo.load() == 0
    assert seeds["000"].status == CommissionStatus.COMPLETED
    assert seeds["000"].signatory_name == "Jan-Erik Karlsson"
    assert seeds["002"].status == CommissionStatus.DECIDED
    assert seeds["001"].status == CommissionStatus.TRANSFERRED
    assert seeds["001"].status_date.isoformat() == "2018-04-23"
    yearly = seeds["002"].deliverables.filter(recurrence="yearly")
    assert yearly.filter(status=DeliverableStatus.PLANNED, is_final=True).exists()
    assert yearly.filter(status=DeliverableStatus.DELIVERED).exists()
    evaluation = seeds["000"].deliverables.get()
    assert evaluation.due_date.isoformat() == "2017-05-03"
    assert evaluation.recipient.name == "Centrumrådet Hjärtsjukvård"


@pytest.mark.parametrize("seed", ["000", "002"])
def test_export_pdf_command_writes_a_pdf_a_with_every_section_in_order(seeds, seed, tmp_path):
    commission = seeds[seed]
    path = tmp_path / "uppdrag.pdf"
    call_command("export_pdf", "commission", str(commission.pk), "-o", str(path))

    text = _flat(run("pdftotext", str(path), "-"))
    position = 0
    for section in commission.sections.order_by("position"):
        position = text.index(section.heading, position)
        # The body's words (without Markdown marks) follow the heading, å ä ö intact.
        first_words = _flat(section.body.split("\n")[0].replace("**", "").lstrip("- "))[:50]
        position = text.index(first_words, position)
    assert commission.commissioner.name in text
    assert commission.assignee.name in text

    xmp = run("pdfinfo", "-meta", str(path))
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
    info = run("pdfinfo", str(path))
    assert f"Author:          {commission.commissioner.name}" in info
    assert "Tagged:          yes" in info
    assert re.search(r"Pages:\s+[2-9]", info)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "sv"
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        assert line.split()[-5] == "yes", line


def test_seed_000_paper_has_header_signature_and_page_numbers(seeds, tmp_path):
    path = tmp_path / "000.pdf"
    call_command("export_pdf", "commission", str(seeds["000"].pk), "-o", str(path))
    text = run("pdftotext", "-layout", str(path), "-")
    assert "CENTRUMRÅDET HJÄRTSJUKVÅRD" in text
    assert "Datum: 2016-09-30" in text
    assert "Sida 1 av 2" in text and "Sida 2 av 2" in text
    signature = text[text.rindex("2016-09-30") :]
    assert "Jan-Erik Karlsson" in signature and "Ordf. Centrumrådet Hjärtsjukvård" in signature
    # The running header repeats the issuer from page 2 on (page 1 has the letterhead).
    page_two = text.split("\f")[1]
    assert "Centrumrådet Hjärtsjukvård" in page_two.splitlines()[0]


def test_export_pdf_unknown_id_fails_clearly(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Hittade inget dokument"):
        call_command("export_pdf", "commission", "999999", "-o", "/tmp/finns-inte.pdf")
