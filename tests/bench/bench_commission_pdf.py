"""Commission PDF: the portal's whole render vs. WeasyPrint alone on the same HTML.

The portal's render (selector + template + Markdown + WeasyPrint with metadata) should cost at
most 1.2 × WeasyPrint alone, and under 1 s, for the seed commissions 000 and 002.
"""

from weasyprint import CSS, HTML

from governance.demo import commissions as demo
from governance.documents.commissions import commission_html, commission_pdf
from governance.models import Commission
from governance.selectors.commissions import commission_for_pdf
from groups import demo as groups_demo
from portal.pdf import PDF_CSS, PDF_VARIANT
from tests.bench.timing import interleaved_medians

SEEDS = {
    "000": "Test av arbetssätt med team och länsamordnare",
    "002": "Regional arbetsgrupp Barnonkologi och hematologi i Sydöstra sjukvårdsregionen",
}


def _weasyprint_alone(html: str) -> bytes:
    from django.conf import settings

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant=PDF_VARIANT, pdf_tags=True
    )


def run(repeat: int = 15) -> dict[str, tuple[float, float]]:
    groups_demo.load()
    demo.load()
    results = {}
    for seed, title in SEEDS.items():
        commission = Commission.objects.get(title=title)
        html, _info = commission_html(commission_for_pdf(commission.pk))
        portal, alone = interleaved_medians(
            lambda pk=commission.pk: commission_pdf(pk),
            lambda html=html: _weasyprint_alone(html),
            repeat=repeat,
        )
        results[seed] = (portal, alone)
        print(
            f"seed {seed}: portal {portal * 1000:.0f} ms, WeasyPrint alone {alone * 1000:.0f} ms,"
            f" ratio {portal / alone:.2f}"
        )
    return results
