"""The calendar feeds: behind a secret token for calendar programs, which cannot log in, and
the one-meeting download for a logged-in reader. An unknown or revoked token answers 404."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from calendars import ical, selectors
from governance.access.meetings import meeting_for_view
from portal.downloads import content_disposition, download_filename

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _response(body: bytes, *, filename: str = "", attachment: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    if attachment:
        response["Content-Disposition"] = content_disposition(filename)
    return response


def _owner(token: str):
    user = selectors.token_owner(token)
    if user is None:
        raise Http404
    return user


@require_GET
@login_not_required
def personal_feed(request, token: str):
    user = _owner(token)
    meetings = selectors.personal_feed_meetings(user)
    name = _("Mina möten – Samverkansportalen")
    return _response(
        ical.calendar_bytes(
            meetings, name=name, page_url=lambda m: request.build_absolute_uri(m.get_absolute_url())
        )
    )


@require_GET
@login_not_required
def group_feed(request, token: str, group_id: int):
    user = _owner(token)
    group = selectors.group_for_feed(group_id, user=user)
    if group is None:
        raise Http404
    meetings = selectors.group_feed_meetings(group)
    return _response(
        ical.calendar_bytes(
            meetings,
            name=_("%(group)s – möten") % {"group": group.name},
            page_url=lambda m: request.build_absolute_uri(m.get_absolute_url()),
        )
    )


@require_GET
def meeting_ics(request, meeting_id: int):
    meeting = selectors.meeting_for_calendar(meeting_for_view(meeting_id, user=request.user))
    body = ical.calendar_bytes(
        [meeting],
        name=meeting.group.name,
        page_url=lambda m: request.build_absolute_uri(m.get_absolute_url()),
        method="PUBLISH",
    )
    filename = download_filename(
        meeting.group.name, f"{timezone.localtime(meeting.starts_at):%Y-%m-%d}", extension="ics"
    )
    return _response(body, filename=filename, attachment=True)
