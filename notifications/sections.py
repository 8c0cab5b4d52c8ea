"""Sections the notifications app adds to governance's pages (registered in apps.py through
governance.registry; governance imports nothing of ours): one query on the meeting page, two
on the decision page."""

from notifications import selectors


def notice_section(meeting, user, actions) -> dict:
    """The meeting page: each kallelse sent — when, by whom, in which version, to whom."""
    return {
        "template": "notifications/_notice_section.html",
        "meeting": meeting,
        "mailings": selectors.notices_sent(meeting),
        "can_send": actions.can_edit_meeting,
    }


def dispatch_section(decision, user, actions) -> dict:
    """The decision page: who the extract goes to, and each dispatch with the PDF's checksum."""
    overview = selectors.decision_dispatch_overview(decision)
    return {
        "template": "notifications/_dispatch_section.html",
        "decision": decision,
        "recipients": overview["recipients"],
        "dispatches": overview["dispatches"],
        "can_edit_recipients": actions.can_edit_recipients,
        "can_dispatch": actions.can_dispatch and bool(overview["recipients"]),
        "dispatch_refusal": actions.dispatch_refusal,
    }
