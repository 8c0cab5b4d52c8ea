"""The shared PDF renderer: PDF/A identification, tagging, language, embedded fonts."""

import subprocess

import pikepdf
import pytest

from portal.pdf import DocumentInfo, html_to_pdf

HTML = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>x</title></head>
<body><div class="running-issuer">Södra Regionvårdsnämnden</div>
<h1>Överföring av projekt – åäö ÅÄÖ</h1>
<p>Brödtext med <strong>fetstil</strong> och <em>kursiv</em>.</p>
</body></html>"""


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    info = DocumentInfo(
        title="Överföring av projekt", author="Södra Regionvårdsnämnden", subject="RVN 2018/12"
    )
    path = tmp_path_factory.mktemp("pdf") / "doc.pdf"
    path.write_bytes(html_to_pdf(HTML, info))
    return path


def run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_pdf_is_identified_as_pdf_a_3u(pdf_path):
    xmp = run("pdfinfo", "-meta", str(pdf_path))
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="U"' in xmp


def test_pdf_metadata_tagging_and_language(pdf_path):
    info = run("pdfinfo", str(pdf_path))
    assert "Title:           Överföring av projekt" in info
    assert "Author:          Södra Regionvårdsnämnden" in info
    assert "Subject:         RVN 2018/12" in info
    assert "Tagged:          yes" in info
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.MarkInfo.Marked


def test_pdf_has_srgb_output_intent(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert [str(intent.S) for intent in intents] == ["/GTS_PDFA1"]
        profile = intents[0].DestOutputProfile.read_bytes()
        assert b"sRGB" in profile


def test_every_font_is_embedded(pdf_path):
    lines = run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert lines, "the PDF has no fonts"
    for line in lines:
        # The shipped Noto Sans files, loaded by pdf.css's @font-face as "Portal Sans" (a
        # system font the machine happens to have would be named after its own family).
        assert "Portal-Sans" in line
        columns = line.split()
        # name type encoding emb sub uni object ID
        assert columns[-5] == "yes", line


def test_swedish_text_survives_extraction(pdf_path):
    text = run("pdftotext", "-layout", str(pdf_path), "-")
    assert "Överföring av projekt – åäö ÅÄÖ" in text


def test_shared_layout_prints_issuer_reference_title_and_page_numbers(tmp_path):
    from django.template import Context, Template

    info = DocumentInfo(
        title="Protokoll 2018-04-23", author='Södra "Regionvårdsnämnden"', subject="Dnr RVN 2018/12"
    )
    html = Template(
        '{% extends "pdf/base.html" %}{% block body %}'
        '{% for i in pages %}<p style="break-after: page">Sida {{ i }}</p>{% endfor %}'
        "{% endblock %}"
    ).render(Context({"document": info, "pages": range(3)}))
    path = tmp_path / "layout.pdf"
    path.write_bytes(html_to_pdf(html, info))
    pages = run("pdftotext", "-layout", str(path), "-").split("\f")
    for number, page in enumerate(pages[:3], start=1):
        assert "Protokoll 2018-04-23" in page
        assert f"Sida {number} av 3" in page
        # Page 1 carries the letterhead; the running header starts on page 2.
        assert ('Södra "Regionvårdsnämnden"' in page) == (number > 1)
        assert ("Dnr RVN 2018/12" in page) == (number > 1)


LONG_TITLE = (
    "§ 12 Processledarstöd som en del i användningen av den statliga satsningen på kortare "
    "väntetider i cancervården och regional arbetsfördelning inom Södra sjukvårdsregionen"
)


def test_footer_keeps_the_page_counter_on_one_line_under_a_long_title(tmp_path):
    from django.template import Context, Template

    info = DocumentInfo(title=LONG_TITLE, author="Södra Regionvårdsnämnden")
    template = Template(
        '{% extends "pdf/base.html" %}{% block body %}{% for n in rows %}'
        "<p>Rad {{ n }} med brödtext.</p>{% endfor %}{% endblock %}"
    )
    html = template.render(Context({"document": info, "rows": range(90)}))
    path = tmp_path / "long.pdf"
    path.write_bytes(html_to_pdf(html, info))
    lines = run("pdftotext", "-layout", str(path), "-").splitlines()
    counters = [line for line in lines if "Sida " in line]
    assert len(counters) >= 2
    for number, line in enumerate(counters, start=1):
        # The title and the counter share the line; the counter is whole at its end.
        assert line.startswith("§ 12 Processledarstöd"), line
        assert line.rstrip().endswith(f"Sida {number} av {len(counters)}"), line
