"""External object lists (OParl 1.1, 2.5): the filters every list accepts, and pages with
`data`, `pagination` and `links` over one or more querysets in a stable order (by primary key,
each queryset after the one before). A page runs one COUNT per queryset and one SELECT (plus
its prefetches) per queryset it takes rows from, whatever the size of the data."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
DATE_FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class ListQueryError(ValueError):
    """A filter value the list cannot use; its message is for the client (400)."""


@dataclass(frozen=True)
class ListQuery:
    created_since: datetime.datetime | None = None
    created_until: datetime.datetime | None = None
    modified_since: datetime.datetime | None = None
    modified_until: datetime.datetime | None = None
    limit: int = DEFAULT_LIMIT
    page: int = 1
    omit_internal: bool = False
    # What the links of every page must carry again (the filters, the limit).
    kept: dict[str, str] = field(default_factory=dict)


def _parse_moment(name: str, raw: str) -> datetime.datetime:
    # A "+" that was not URL-encoded arrives as a space.
    value = raw.strip().replace(" ", "+")
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise ListQueryError(
            _("%(name)s måste vara en tidpunkt som 2026-01-31T12:00:00+01:00, inte ”%(value)s”.")
            % {"name": name, "value": raw[:40]}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_positive(name: str, raw: str) -> int:
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise ListQueryError(
            _("%(name)s måste vara ett heltal större än noll, inte ”%(value)s”.")
            % {"name": name, "value": raw[:40]}
        )
    return number


def parse_list_query(params) -> ListQuery:
    """The list parameters of a request (its GET), or ListQueryError for a bad value. A limit
    above MAX_LIMIT is capped, as OParl lets a server do."""
    values: dict = {}
    kept: dict[str, str] = {}
    for name in DATE_FILTERS:
        raw = params.get(name)
        if raw:
            values[name] = _parse_moment(name, raw)
            kept[name] = values[name].isoformat()
    raw_limit = params.get("limit")
    if raw_limit:
        values["limit"] = min(_parse_positive("limit", raw_limit), MAX_LIMIT)
        kept["limit"] = str(values["limit"])
    raw_page = params.get("page")
    if raw_page:
        values["page"] = min(_parse_positive("page", raw_page), 10**9)
    if params.get("omit_internal") == "true":
        values["omit_internal"] = True
        kept["omit_internal"] = "true"
    return ListQuery(**values, kept=kept)


def filtered(queryset: QuerySet, query: ListQuery) -> QuerySet:
    lookups = {
        "created_at__gte": query.created_since,
        "created_at__lte": query.created_until,
        "modified_at__gte": query.modified_since,
        "modified_at__lte": query.modified_until,
    }
    return queryset.filter(**{k: v for k, v in lookups.items() if v is not None})


@dataclass(frozen=True)
class Source:
    """Rows of one queryset on a list, and how each becomes an OParl object."""

    queryset: QuerySet
    serialize: Callable[[object], dict]


def list_page(sources: list[Source], query: ListQuery, *, url: str) -> dict | None:
    """One page of the list made of `sources` in order, or None when the page is past the end
    (a list with no entries still has its page 1)."""
    sources = [Source(filtered(s.queryset, query).order_by("pk"), s.serialize) for s in sources]
    counts = [s.queryset.count() for s in sources]
    total = sum(counts)
    pages = max(1, math.ceil(total / query.limit))
    if query.page > pages:
        return None
    low = (query.page - 1) * query.limit
    high = low + query.limit
    data: list[dict] = []
    start = 0
    for source, count in zip(sources, counts, strict=True):
        first, last = max(low - start, 0), min(high - start, count)
        if first < last:
            data.extend(source.serialize(row) for row in source.queryset[first:last])
        start += count

    def page_url(number: int) -> str:
        params = dict(query.kept)
        if number > 1:
            params["page"] = str(number)
        return f"{url}?{urlencode(params)}" if params else url

    links = {"first": page_url(1), "self": page_url(query.page), "last": page_url(pages)}
    if query.page > 1:
        links["prev"] = page_url(query.page - 1)
    if query.page < pages:
        links["next"] = page_url(query.page + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": links,
    }
