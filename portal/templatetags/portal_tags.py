from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """The current query string with some parameters replaced (keeps filters when paging)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter(is_safe=True)
def css_string(value) -> str:
    """Text made safe inside a CSS double-quoted string (PDF page headers and footers)."""
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


@register.filter(expects_localtime=True)
def day(value, format_name: str = "SHORT_DATE_FORMAT") -> str:
    """A date that never wraps in a narrow column ("2026-12-01", not "2026-12-/01")."""
    if not value:
        return ""
    return format_html('<span class="nowrap">{}</span>', date_format(value, format_name))


@register.inclusion_tag("components/sort_header.html", takes_context=True)
def sort_header(context, sort, key: str, css_class: str = "") -> dict:
    """A column header that sorts the list by ``key``: the link keeps the filters, returns to
    the first page and says the current direction to screen readers (aria-sort)."""
    from portal.sorting import SORT_PARAM

    header = sort.header(key)
    query = context["request"].GET.copy()
    query.pop("page", None)
    query.pop(SORT_PARAM, None)
    if header["value"]:
        query[SORT_PARAM] = header["value"]
    return {**header, "query": query.urlencode(), "css_class": css_class}


# The colour a status tag wears: the one place that knows which statuses read as done,
# planned or waiting, so that templates never compare status strings themselves.
STATUS_COLORS = {
    **dict.fromkeys(("active", "decided", "approved", "adopted"), "success"),
    **dict.fromkeys(("planned", "draft", "proposed"), "info"),
    **dict.fromkeys(("dormant", "deferred", "submitted"), "warning"),
}


@register.filter
def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, "neutral")
