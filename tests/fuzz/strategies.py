"""Hostile input for every kind of form field and spreadsheet cell (Hypothesis strategies),
and the bounded settings profile the fuzzing tests run under."""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Reproducible in CI and bounded so the suite stays fast: the same examples on every run.
settings.register_profile(
    "portal-fuzz",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ = settings.get_profile("portal-fuzz")

# Markup and template syntax that must stay text wherever it is shown (pages and PDFs).
INJECTIONS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<iframe src=javascript:alert(1)></iframe>",
    "{{ request.user.password }}{% debug %}",
    '=HYPERLINK("http://example.com";"klicka")',
    "'; DROP TABLE groups_group; --",
    "<b>fet</b> &amp; &lt;",
]
CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r")

hostile_text = st.one_of(
    st.sampled_from(INJECTIONS),
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from(CONTROL + "\x00\u202e\ufeff\ud7ff"), max_size=30),
    st.just("Å" * 20_000),
    st.just(""),
)
hostile_number = st.one_of(
    st.sampled_from(["1e999", "NaN", "-0", "inf", "½", "1 000,5", "99999999999999999999999"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    hostile_text,
)
hostile_date = st.one_of(
    st.sampled_from(["0000-01-01", "9999-12-31", "2024-02-30", "2024-13-01", "igår", "1/2"]),
    st.dates().map(str),
    hostile_text,
)


def field_values(kind: str, options: list[str], value: str):
    """Values for a form field of a kind (the input type or select), as parsed from a page."""
    if kind in ("number", "range"):
        return hostile_number
    if kind in ("date", "datetime-local", "month", "time"):
        return hostile_date
    if kind in ("checkbox", "radio"):
        return st.sampled_from([value or "on", "", "kanske"])
    if kind.startswith("select"):
        return st.one_of(st.sampled_from(options or [""]), st.sampled_from(["-1", "999999", "x"]))
    if kind == "hidden":
        return st.one_of(st.just(value), hostile_text)
    return hostile_text
