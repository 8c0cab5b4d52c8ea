"""The notice board as an Atom feed (RFC 4287): each notice, up or taken down."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from noticeboard import selectors
from noticeboard.selectors import Notice


class NoticeFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Anslagstavla – Samverkansportalen")
    subtitle = gettext_lazy("Tillkännagivanden om justerade protokoll från nämnderna.")
    link = reverse_lazy("noticeboard:board")

    def items(self) -> list[Notice]:
        return selectors.feed_notices()

    def item_title(self, item: Notice) -> str:
        return _("Protokoll från %(body)s %(date)s justerat") % {
            "body": item.body,
            "date": date_format(item.meeting_date, "DATE_FORMAT"),
        }

    def item_description(self, item: Notice) -> str:
        return " ".join(selectors.notice_sentences(item))

    def item_link(self, item: Notice) -> str:
        return reverse("noticeboard:notice", args=[item.minutes_id])

    def item_pubdate(self, item: Notice) -> datetime.datetime:
        return _start_of(item.posted_on)

    def item_updateddate(self, item: Notice) -> datetime.datetime:
        return _start_of(item.posted_on)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
