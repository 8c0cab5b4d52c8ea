"""docs/security.md shows the permission matrix the tests check (tests/crawl/permissions.py):
a change to either without the other fails here. To refresh the doc after changing the table:
SECURITY_DOC_WRITE=1 make test-fast ARGS=tests/portal/test_security_doc.py"""

import os
from pathlib import Path

from tests.crawl import permissions

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_the_security_doc_shows_the_permission_table():
    text = DOC.read_text(encoding="utf-8")
    before, _, rest = text.partition(permissions.DOC_START)
    _, _, after = rest.partition(permissions.DOC_END)
    assert rest, f"{DOC} has no {permissions.DOC_START} … {permissions.DOC_END} section"
    expected = before + permissions.markdown_tables() + after
    if os.environ.get("SECURITY_DOC_WRITE") and text != expected:
        DOC.write_text(expected, encoding="utf-8")
    assert text == expected, (
        "docs/security.md and tests/crawl/permissions.py disagree; run with SECURITY_DOC_WRITE=1"
    )
