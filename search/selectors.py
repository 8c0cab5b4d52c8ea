"""The global search: groups, people, commissions, decisions and minutes, each through its
app's own selector and visibility rules, one query per kind (a fixed number per page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from governance.selectors.commissions import commission_list
from governance.selectors.decisions import decision_list
from governance.selectors.search import minutes_matching
from groups.selectors import group_list, person_list
from portal.pagination import UncountedPaginator

PER_KIND = 5  # hits per kind on the page of every kind
PER_PAGE = 25  # hits per page when one kind is chosen


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""  # plain text
    passage: str = ""  # safe HTML with <mark> (full-text matches), or ""


@dataclass(frozen=True)
class Kind:
    key: str  # the ?typ= value
    label: str
    find: Callable[[object, str], QuerySet]  # (user, text) → queryset, in result order
    hit: Callable[[object], Hit]


def _group_hit(group) -> Hit:
    region = group.healthcare_region.name if group.healthcare_region_id else ""
    return Hit(
        group.name,
        group.get_absolute_url(),
        " · ".join(part for part in (group.get_kind_display(), region) if part),
    )


def _person_hit(person) -> Hit:
    employer = person.employer.name if person.employer_id else ""
    return Hit(
        person.full_name,
        person.get_absolute_url(),
        " · ".join(part for part in (person.title, employer) if part),
    )


def _commission_hit(commission) -> Hit:
    return Hit(
        commission.title,
        commission.get_absolute_url(),
        " · ".join(
            part
            for part in (
                commission.registry_number,
                commission.assignee.name,
                commission.get_status_display(),
            )
            if part
        ),
    )


def _decision_hit(decision) -> Hit:
    paragraph = f"§ {decision.number}/{decision.year}" if decision.number else ""
    return Hit(
        decision.title,
        decision.get_absolute_url(),
        " · ".join(
            part for part in (decision.body.name, paragraph, decision.registry_number) if part
        ),
        decision.search_headline,
    )


def _minutes_hit(minutes) -> Hit:
    meeting = minutes.meeting
    return Hit(
        f"{meeting.display_title} {meeting.starts_at:%Y-%m-%d}",
        meeting.get_absolute_url(),
        f"{meeting.group.name} · {minutes.get_kind_display()} · {minutes.get_status_display()}",
        minutes.search_headline,
    )


KINDS = [
    Kind("grupper", _("Grupper"), lambda user, text: group_list(search=text), _group_hit),
    Kind("personer", _("Personer"), lambda user, text: person_list(search=text), _person_hit),
    Kind(
        "uppdrag",
        _("Uppdrag"),
        lambda user, text: commission_list(user=user, search=text),
        _commission_hit,
    ),
    Kind(
        "beslut",
        _("Beslut"),
        lambda user, text: decision_list(user=user, search=text).prefetch_related(None),
        _decision_hit,
    ),
    Kind("protokoll", _("Protokoll"), minutes_matching, _minutes_hit),
]
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


@dataclass
class KindResults:
    key: str
    label: str
    hits: list[Hit]
    has_more: bool


@dataclass
class SearchResults:
    text: str
    kind: str  # "" for every kind
    sections: list[KindResults] = field(default_factory=list)
    page: Page | None = None  # one kind: its page

    @property
    def found(self) -> bool:
        return any(section.hits for section in self.sections)


def global_search(*, user, text: str, kind: str = "", page_number=1) -> SearchResults:
    """What the user may read that matches the text: the first hits of every kind, or a page
    of one kind."""
    results = SearchResults(text=text, kind=kind)
    if not text:
        return results
    for each in KINDS:
        if kind and each.key != kind:
            continue
        found = each.find(user, text)
        if kind:
            results.page = UncountedPaginator(found, PER_PAGE).get_page(page_number)
            rows, has_more = results.page.object_list, results.page.has_next()
        else:
            rows = list(found[: PER_KIND + 1])
            rows, has_more = rows[:PER_KIND], len(rows) > PER_KIND
        results.sections.append(
            KindResults(each.key, each.label, [each.hit(row) for row in rows], has_more)
        )
    return results
