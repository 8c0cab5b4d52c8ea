"""What a kallelse says, and whom a kallelse and a dispatch reach (shared by the selectors,
which show it before sending, and the services, which send it)."""

from __future__ import annotations

import hashlib

from django.utils.translation import gettext as _

from governance.models import DecisionRecipient, Meeting, MeetingStatus, RecipientKind
from governance.selectors.meetings import attendance_sheet
from groups.models import Membership, MembershipRole
from notifications.mail import Recipient

# Who receives the extract sent to a group: its own address, else these current roles.
GROUP_CONTACT_ROLES = (MembershipRole.CHAIR, MembershipRole.CONVENER, MembershipRole.SECRETARY)


def agenda_fingerprint(meeting: Meeting, items, attachments) -> str:
    """What the kallelse says: the meeting's time and place, its notice, the agenda and the
    public attachments. A kallelse sent after any of it changed is an "Ändrad kallelse"."""
    parts = [
        meeting.title,
        meeting.starts_at.isoformat(),
        meeting.ends_at.isoformat() if meeting.ends_at else "",
        meeting.place,
        meeting.video_link,
        meeting.notice,
        meeting.status,
    ]
    for item in items:
        parts += [str(item.number), item.title, item.description, item.presenter]
    parts += [f"{a.pk}:{a.title}:{a.sha512}" for a in attachments]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def notice_refusal(meeting: Meeting, *, has_items: bool, now) -> str | None:
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Mötet är inställt. En kallelse kan inte skickas.")
    if meeting.starts_at <= now:
        return _("Mötet har redan börjat. En kallelse skickas före mötet.")
    if not has_items:
        return _("Dagordningen är tom. Lägg till punkter innan du skickar kallelsen.")
    return None


def notice_recipients(meeting: Meeting, guests) -> list[Recipient]:
    """Everyone called: the members and substitutes who sit in the group on the meeting day,
    and the guests with an address."""
    called = [
        Recipient(
            name=str(row.person), email=row.person.email, person=row.person, user=row.person.user
        )
        for row in attendance_sheet(meeting)
    ]
    return called + [Recipient(name=g.name, email=g.email) for g in guests if g.email]


def dispatch_recipients(recipients: list[DecisionRecipient]) -> list[tuple[str, list[Recipient]]]:
    """Each line of "Utdrag till" with the addresses it reaches: a group at its own address or
    else its current chair, conveners and secretaries; a person at theirs; a region and an
    external recipient at the address given."""
    group_ids = [r.group_id for r in recipients if r.kind == RecipientKind.GROUP]
    contacts: dict[int, list[Recipient]] = {}
    memberships = (
        Membership.objects.current()
        .filter(group_id__in=group_ids, role__in=GROUP_CONTACT_ROLES)
        .exclude(person__email="")
        .select_related("person__user")
    )
    for membership in memberships:
        person = membership.person
        contacts.setdefault(membership.group_id, []).append(
            Recipient(name=str(person), email=person.email, person=person, user=person.user)
        )
    lines = []
    for r in recipients:
        if r.kind == RecipientKind.GROUP:
            reached = (
                [Recipient(name=r.group.name, email=r.group.contact_email)]
                if r.group.contact_email
                else contacts.get(r.group_id, [])
            )
        elif r.kind == RecipientKind.PERSON:
            reached = (
                [
                    Recipient(
                        name=str(r.person),
                        email=r.person.email,
                        person=r.person,
                        user=r.person.user,
                    )
                ]
                if r.person.email
                else []
            )
        else:
            reached = [Recipient(name=r.label, email=r.email)]
        lines.append((r.label, reached))
    return lines
