"""Meetings as iCalendar (RFC 5545) with the `icalendar` library: one VEVENT per meeting, a
stable UID, SEQUENCE from the meeting's history, STATUS:CANCELLED for a cancelled meeting."""

from __future__ import annotations

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from governance.models import Meeting, MeetingStatus
from portal.personal_numbers import mask_personal_numbers

PRODID = "-//Samverkansportalen//Kalender//SV"
UID_DOMAIN = "samverkansportalen"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def agenda_headings(meeting: Meeting) -> list[str]:
    """The agenda's headings; a confidential item shows only that it is one, since a feed
    travels to calendar services outside the portal."""
    headings = []
    for item in meeting.agenda_items.all():
        title = _("Sekretessbelagd punkt") if item.is_confidential else item.title
        headings.append(f"{item.number}. {mask_personal_numbers(title)}")
    return headings


def meeting_event(meeting: Meeting, *, page_url: str) -> Event:
    """`meeting` comes from calendars.selectors.with_calendar_fields."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.last_change)
    event.add("last-modified", meeting.last_change)
    event.add("created", meeting.created_at)
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{meeting.group.name}: {meeting.display_title}")
    event.add("dtstart", meeting.starts_at)
    if meeting.ends_at:
        event.add("dtend", meeting.ends_at)
    location = meeting.place or meeting.video_link
    if location:
        event.add("location", location)
    parts = []
    headings = agenda_headings(meeting)
    if headings:
        parts.append(_("Dagordning:") + "\n" + "\n".join(headings))
    if meeting.video_link:
        parts.append(_("Videolänk: %(url)s") % {"url": meeting.video_link})
    parts.append(_("Mötets sida: %(url)s") % {"url": page_url})
    event.add("description", "\n\n".join(parts))
    event.add("url", page_url)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_bytes(meetings: list[Meeting], *, name: str, page_url, method: str = "") -> bytes:
    """A VCALENDAR of the meetings; page_url(meeting) gives each meeting's absolute URL."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, page_url=page_url(meeting)))
    return calendar.to_ical()
