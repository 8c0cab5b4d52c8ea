"""The Markdown subset and the inline text difference shared by every app."""

from portal.markdown import render_markdown
from portal.textdiff import inline_diff


def test_subset_paragraphs_lists_emphasis_links():
    html = render_markdown(
        "Arbetsgruppens deltagare:\n- bidrar med **sakkunskap**\n- samarbetar *aktivt*\n\n"
        "1. ett\n2. två\n\n[Läs mer](https://example.org/å)"
    )
    assert "<p>Arbetsgruppens deltagare:</p>" in html
    assert "<li>bidrar med <strong>sakkunskap</strong></li>" in html
    assert "<li>samarbetar <em>aktivt</em></li>" in html
    assert "<ol>" in html and "<li>två</li>" in html
    assert 'href="https://example.org/%C3%A5"' in html or 'href="https://example.org/å"' in html
    assert 'rel="noopener noreferrer"' in html


def test_raw_html_and_unsafe_links_never_pass():
    html = render_markdown(
        '<script>alert(1)</script><b onclick="x()">fet</b> [a](javascript:alert(1)) '
        '<iframe src="https://evil.example"></iframe>\n\n# Rubrik'
    )
    for forbidden in ("<script", "onclick", "javascript:", "<iframe", "<h1", "<b>"):
        assert forbidden not in html
    assert "fet" in html and "# Rubrik" in html


def test_inline_diff_marks_words_and_escapes_text():
    html = inline_diff("Tidplan: maj <2017>", "Tidplan: juni <2017>")
    assert html == "Tidplan: <del>maj</del><ins>juni</ins> &lt;2017&gt;"
