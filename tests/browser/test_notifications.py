"""The e-mails as a recipient sees them: one of each kind rendered through the real services,
its HTML part opened in Chromium at 1280 and 390 px (screenshots in var/screenshots/), checked
with axe and for sideways scrolling; and the kallelse sent from the meeting page."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import RecipientKind
from governance.services.dispatch import decision_recipient_add
from notifications.models import MessageKind, OutboxMessage
from notifications.reminders import run_reminders
from notifications.services import decision_dispatch, meeting_notice_send
from tests.browser.conftest import (
    SCREENSHOT_DIR,
    assert_accessible,
    assert_fits_width,
    login,
    screenshot,
)
from tests.governance.factories import CommissionFactory, DeliverableFactory
from tests.notifications.conftest import approve, held_protocol, upcoming_meeting

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def committee(transactional_db):
    from groups.models import GroupKind
    from tests.groups.factories import GroupFactory

    return GroupFactory(name="Södra Regionvårdsnämnden", kind=GroupKind.COMMITTEE)


@pytest.fixture
def board(committee):
    from groups.models import MembershipRole
    from tests.governance.conftest import member

    return {
        "chair": member(committee, MembershipRole.CHAIR, username="ordforande"),
        "members": [member(committee, username=f"ledamot{n}") for n in range(2)],
        "substitute": member(committee, MembershipRole.SUBSTITUTE, username="ersattare"),
        "convener": member(committee, MembershipRole.CONVENER, username="sammankallande"),
        "secretary": member(committee, MembershipRole.SECRETARY, username="sekreterare"),
    }


def one_of_each_kind(committee, board):
    meeting = upcoming_meeting(committee, days=1, titles=("Val av justerare", "Budget 2027"))
    meeting_notice_send(actor=None, meeting=meeting)
    _meeting, minutes, decision = held_protocol(committee, board, days=-12)
    commission = CommissionFactory(commissioner=committee, assignee=committee)
    DeliverableFactory(
        commission=commission,
        title="Årsrapport till RPO",
        due_date=timezone.localdate() + datetime.timedelta(days=12),
    )
    from governance.services.decisions import decision_follow_up

    decision_follow_up(
        actor=None,
        decision=decision,
        responsible=str(board["convener"]),
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    run_reminders()
    approve(minutes, board)
    decision_recipient_add(
        actor=None,
        decision=decision,
        kind=RecipientKind.EXTERNAL,
        name="Chef Område teknik, diagnostik och service",
        email="chef.otds@example.se",
    )
    decision_dispatch(actor=None, decision=decision)


def test_each_kind_of_email_reads_well_on_a_phone_and_a_desktop(page, committee, board):
    one_of_each_kind(committee, board)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for kind in MessageKind.values:
        message = OutboxMessage.objects.filter(kind=kind).order_by("pk").first()
        assert message is not None, kind
        (SCREENSHOT_DIR / f"email-{kind}.html").write_text(message.body_html)
        (SCREENSHOT_DIR / f"email-{kind}.txt").write_text(message.body_text)
        page.set_content(message.body_html)
        assert page.locator("h1").count() == 1
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            screenshot(page, f"email-{kind}-{name}", viewport)
            assert_fits_width(page)
        assert_accessible(page)
    assert len(mail.outbox) == OutboxMessage.objects.count()


def test_the_convener_sends_the_kallelse_from_the_meeting_page(page, committee, board):
    from groups.models import Person

    user = board["convener"].user
    user.set_password("Samverkan-2026!")
    user.save()
    meeting = upcoming_meeting(committee)
    login(page, user.username)
    page.goto(f"{page.base_url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Skicka kallelse").click()
    screenshot(page, "kallelse-confirm-desktop", DESKTOP)
    assert_accessible(page)
    page.get_by_role("button", name="Skicka kallelse").click()
    page.wait_for_load_state()
    assert "Kallelsen är skickad till" in page.content()
    section = page.locator("#notice-heading").locator("xpath=..")
    assert "version 1" in section.inner_text()
    screenshot(page, "kallelse-sent-phone", PHONE)
    assert_fits_width(page)
    assert len(mail.outbox) == Person.objects.exclude(email="").count()
