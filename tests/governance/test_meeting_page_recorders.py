"""The meeting page names who registered each approval and correction, also when nobody did
(paper approvals loaded by the system, as in the demo): no server error, "Systemet"."""

import datetime

import pytest
from django.urls import reverse

from governance.models import MinutesCorrection
from governance.services import meetings, minutes
from tests.governance.conftest import member, write_header

pytestmark = pytest.mark.django_db


def test_approvals_and_corrections_without_a_user_show_the_system(client, meeting, rag, convener):
    adjuster = member(rag)
    item = meetings.agenda_item_add(actor=None, meeting=meeting, title="Rapport")
    record = minutes.minutes_start(actor=None, meeting=meeting)
    write_header(record.meeting, adjusters=[adjuster])
    minutes.minutes_submit(actor=None, minutes=record)
    signed_on = datetime.date(2025, 5, 13)
    minutes.minutes_approve(actor=None, minutes=record, person=adjuster, signed_on=signed_on)
    minutes.minutes_approve(actor=convener.user, minutes=record)
    # The service always names its actor; the column allows none (rows loaded otherwise).
    MinutesCorrection.objects.create(
        minutes=record, agenda_item=item, text="Rättad punkt.", reason="Felskrivning"
    )
    client.force_login(convener.user)

    response = client.get(reverse("governance:meeting_detail", args=[meeting.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    registered_by = [row.rsplit(">", 1)[-1] for row in html.split("</td></tr>")[:-1]]
    assert "Systemet" in registered_by  # the paper approval nobody clicked
    assert convener.user.get_full_name() in registered_by
    assert "(Skäl: Felskrivning; Systemet)" in html
