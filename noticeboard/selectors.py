"""The notice board's notices, derived from approved formal minutes: a notice is posted on the
day its justering was announced (`Minutes.announced_on`, set when the last approval is
recorded) and comes down after the last day to appeal. Nothing is stored or scheduled, so the
board is right on any day without a job; governance knows nothing of this app."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Minutes, MinutesKind, MinutesStatus
from groups.models import keeps_notice_board_q
from noticeboard.appeal import appeal_last_day, latest_posting_taken_down
from noticeboard.links import public_minutes_url
from portal.pagination import UncountedPaginator
from portal.sorting import Column, Sort, sort_from

ARCHIVE_PAGE_SIZE = 25
FEED_SIZE = 50


@dataclass(frozen=True)
class Notice:
    minutes_id: int
    body: str
    meeting_title: str
    meeting_date: datetime.date
    approved_on: datetime.date
    posted_on: datetime.date
    down_on: datetime.date  # the last day to appeal; the notice is up until the end of it
    kept_at: str
    minutes_url: str

    @property
    def anchor(self) -> str:
        return f"anslag-{self.minutes_id}"


def announced_protocols() -> QuerySet[Minutes]:
    """Approved formal minutes of the bodies that keep a notice board, newest posting first."""
    return (
        Minutes.objects.filter(
            kind=MinutesKind.PROTOCOL,
            status=MinutesStatus.APPROVED,
            announced_on__isnull=False,
        )
        .filter(keeps_notice_board_q("meeting__group__"))
        .select_related("meeting__group")
        .order_by("-announced_on", "-approved_at", "-pk")
    )


def notice_for(minutes: Minutes) -> Notice:
    group = minutes.meeting.group
    return Notice(
        minutes_id=minutes.pk,
        body=group.name,
        meeting_title=minutes.meeting.title,
        meeting_date=timezone.localtime(minutes.meeting.starts_at).date(),
        approved_on=timezone.localtime(minutes.approved_at).date(),
        posted_on=minutes.announced_on,
        down_on=appeal_last_day(minutes.announced_on),
        kept_at=group.minutes_kept_at or _("Hos %(body)s") % {"body": group.name},
        minutes_url=public_minutes_url(minutes),
    )


def current_notices(*, today: datetime.date | None = None) -> list[Notice]:
    """The notices up on the board today (one query)."""
    today = today or timezone.localdate()
    rows = announced_protocols().filter(
        announced_on__gt=latest_posting_taken_down(today), announced_on__lte=today
    )
    return [notice_for(minutes) for minutes in rows]


def current_notices_of(body_ids, *, today: datetime.date | None = None) -> list[Notice]:
    """The notices up today for the given bodies (one query): the secretary's dashboard."""
    today = today or timezone.localdate()
    rows = announced_protocols().filter(
        meeting__group_id__in=body_ids,
        announced_on__gt=latest_posting_taken_down(today),
        announced_on__lte=today,
    )
    return [notice_for(minutes) for minutes in rows]


# The archive's sortable columns (?sortera=…); the default is the board's order, the latest
# posting first. The last day to appeal follows from the posting day, so it sorts by it too.
ARCHIVE_COLUMNS = (
    Column("organ", gettext_lazy("Organ"), ("meeting__group__name", "-announced_on")),
    Column(
        "sammantrade", gettext_lazy("Sammanträde"), ("meeting__starts_at",), descending_first=True
    ),
    Column("justerat", gettext_lazy("Justerat"), ("approved_at",), descending_first=True),
    Column(
        "anslaget", gettext_lazy("Anslaget"), ("announced_on", "approved_at"), descending_first=True
    ),
    Column(
        "overklagande",
        gettext_lazy("Sista dag att överklaga"),
        ("announced_on", "approved_at"),
        descending_first=True,
    ),
)


def archive_sort(params) -> Sort:
    return sort_from(params, ARCHIVE_COLUMNS, default="-anslaget")


def archived_notices(
    *, page: str | int | None = 1, today: datetime.date | None = None, sort: Sort | None = None
) -> Page:
    """The notices taken down, newest first unless sorted, a page at a time (one query)."""
    today = today or timezone.localdate()
    rows = (
        announced_protocols()
        .filter(announced_on__lte=latest_posting_taken_down(today))
        .order_by(*(sort or archive_sort({})).order_by())
    )
    page_obj = UncountedPaginator(rows, ARCHIVE_PAGE_SIZE).get_page(page)
    page_obj.object_list = [notice_for(minutes) for minutes in page_obj.object_list]
    return page_obj


def feed_notices(*, today: datetime.date | None = None) -> list[Notice]:
    """The newest notices posted by today, up or taken down, for the Atom feed (one query)."""
    today = today or timezone.localdate()
    rows = announced_protocols().filter(announced_on__lte=today)[:FEED_SIZE]
    return [notice_for(minutes) for minutes in rows]


def notice_by_minutes(minutes_id: int, *, today: datetime.date | None = None) -> Notice | None:
    """One notice, up or taken down, by its minutes; None if never posted (one query)."""
    today = today or timezone.localdate()
    minutes = announced_protocols().filter(pk=minutes_id, announced_on__lte=today).first()
    return notice_for(minutes) if minutes else None


def notice_sentences(notice: Notice) -> list[str]:
    """The notice as the law asks it to read, in plain sentences (the feed's text)."""
    return [
        _("Protokollet från %(body)s sammanträde %(meeting)s justerades %(approved)s.")
        % {
            "body": notice.body,
            "meeting": date_format(notice.meeting_date, "DATE_FORMAT"),
            "approved": date_format(notice.approved_on, "DATE_FORMAT"),
        },
        _("Anslaget den %(posted)s. Tas ned den %(down)s, som är sista dag att överklaga.")
        % {
            "posted": date_format(notice.posted_on, "DATE_FORMAT"),
            "down": date_format(notice.down_on, "DATE_FORMAT"),
        },
        _("Protokollet förvaras: %(kept_at)s.") % {"kept_at": notice.kept_at},
    ]
