"""Commission pages: lists, rights, editing sections without JavaScript, bad input, history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    Commission,
    CommissionSection,
    CommissionStatus,
    Deliverable,
    DeliverableStatus,
    SectionTemplate,
)
from governance.services import commissions as services
from groups.models import MembershipRole
from groups.services import group_permissions_sync
from tests.governance.factories import (
    CommissionFactory,
    CommissionSectionFactory,
    DeliverableFactory,
)
from tests.groups.factories import GroupFactory, MembershipFactory, PersonFactory, UserFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


def _commissions(count: int) -> None:
    for _ in range(count):
        commission = CommissionFactory()
        CommissionSectionFactory(commission=commission)
        DeliverableFactory(commission=commission, due_date=datetime.date(2020, 1, 1))
        DeliverableFactory(commission=commission, recipient=commission.commissioner)


def _member_user(group, role=MembershipRole.MEMBER):
    person = PersonFactory(user=UserFactory())
    MembershipFactory(person=person, group=group, role=role)
    group_permissions_sync(group=group)
    return person.user


def _form_data(commission: Commission, sections: list[dict], **changes) -> dict:
    data = {
        "title": commission.title,
        "commissioner": commission.commissioner_id,
        "assignee": commission.assignee_id,
        "assignee_description": commission.assignee_description,
        "kind": commission.kind,
        "registry_number": commission.registry_number,
        "start_date": commission.start_date.isoformat() if commission.start_date else "",
        "end_date": commission.end_date.isoformat() if commission.end_date else "",
        "signatory_name": "",
        "signatory_title": "",
        "signed_on": "",
        "reason": "",
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 100,
    }
    for index, section in enumerate(sections):
        for key, value in section.items():
            if value is True:
                value = "on"
            if value is False or value is None:
                continue
            data[f"sections-{index}-{key}"] = value
    data.update(changes)
    return data


# --- list ---------------------------------------------------------------------------------


def test_commission_list_runs_the_same_queries_for_more_commissions(admin_client):
    url = reverse("governance:commission_list")
    _commissions(2)
    few = page_queries(admin_client, url)
    _commissions(8)
    assert page_queries(admin_client, url) == few


def test_commission_list_filters_and_search(admin_client):
    late = CommissionFactory(title="Genetik Kalmar")
    DeliverableFactory(commission=late, due_date=timezone.localdate() - datetime.timedelta(1))
    on_time = CommissionFactory(title="Barnonkologi", status=CommissionStatus.COMPLETED)
    DeliverableFactory(commission=on_time, due_date=timezone.localdate() + datetime.timedelta(9))
    url = reverse("governance:commission_list")

    page = admin_client.get(url, {"overdue": "on"}).content.decode()
    assert "Genetik Kalmar" in page and "Barnonkologi" not in page
    assert "1 försenad" in page
    page = admin_client.get(url, {"status": "completed"}).content.decode()
    assert "Barnonkologi" in page and "Genetik Kalmar" not in page
    page = admin_client.get(url, {"q": "genetik"}).content.decode()
    assert "Genetik Kalmar" in page and "Barnonkologi" not in page
    page = admin_client.get(url, {"assignee": on_time.assignee_id}).content.decode()
    assert "Barnonkologi" in page and "Genetik Kalmar" not in page
    page = admin_client.get(url, {"commissioner": late.commissioner_id}).content.decode()
    assert "Genetik Kalmar" in page and "Barnonkologi" not in page


def test_drafts_are_hidden_from_outsiders_but_shown_to_group_members(client, user):
    draft = CommissionFactory(title="Hemligt utkast", status=CommissionStatus.DRAFT)
    CommissionFactory(title="Beslutat uppdrag")
    client.force_login(user)
    page = client.get(reverse("governance:commission_list")).content.decode()
    assert "Beslutat uppdrag" in page and "Hemligt utkast" not in page
    assert client.get(draft.get_absolute_url()).status_code == 404

    member = _member_user(draft.assignee)
    client.force_login(member)
    assert "Hemligt utkast" in client.get(reverse("governance:commission_list")).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


# --- detail and group page ----------------------------------------------------------------


def test_commission_page_shows_text_deliverables_and_runs_fixed_queries(admin_client):
    commission = CommissionFactory(title="Test av arbetssätt")
    CommissionSectionFactory(commission=commission, heading="Uppdrag", body="- **Team** Kalmar")
    DeliverableFactory(commission=commission, due_date=datetime.date(2020, 1, 1), title="Rapport")
    url = commission.get_absolute_url()
    html = admin_client.get(url).content.decode()
    assert "<li><strong>Team</strong> Kalmar</li>" in html
    assert "Försenad" in html
    few = page_queries(admin_client, url)
    for _ in range(5):
        CommissionSectionFactory(commission=commission)
        DeliverableFactory(commission=commission, recipient=GroupFactory())
    assert page_queries(admin_client, url) == few


def test_markdown_cannot_inject_html(admin_client):
    commission = CommissionFactory()
    CommissionSectionFactory(
        commission=commission,
        body='<script>alert(1)</script> [klick](javascript:alert(2)) <img src=x onerror="y">',
    )
    html = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert(2)" not in html
    assert "onerror" not in html


def test_group_page_lists_commissions_given_and_received_with_fixed_queries(admin_client):
    group = GroupFactory(name="RPO Barn och ungdomars hälsa")
    CommissionFactory(commissioner=group, title="Uppdrag till RAG")
    CommissionFactory(assignee=group, title="Uppdrag från nämnden")
    url = reverse("groups:detail", args=[group.pk])
    html = admin_client.get(url).content.decode()
    assert "Uppdrag till gruppen" in html and "Uppdrag från nämnden" in html
    assert "Uppdrag som gruppen har gett" in html and "Uppdrag till RAG" in html
    few = page_queries(admin_client, url)
    for _ in range(4):
        CommissionFactory(commissioner=group)
        CommissionFactory(assignee=group)
    assert page_queries(admin_client, url) == few


# --- rights -------------------------------------------------------------------------------


def test_members_may_read_but_not_edit(client, user):
    commission = CommissionFactory()
    client.force_login(user)
    assert client.get(commission.get_absolute_url()).status_code == 200
    for name in ("commission_edit", "deliverable_add"):
        assert client.get(reverse(f"governance:{name}", args=[commission.pk])).status_code == 403
    status_url = reverse("governance:commission_status", args=[commission.pk, "cancelled"])
    assert client.post(status_url, {"on_date": "2024-01-01"}).status_code == 403
    assert client.get(reverse("governance:commission_create")).status_code == 403


def test_assignee_convener_marks_a_deliverable_delivered_but_a_member_cannot(client):
    commission = CommissionFactory()
    deliverable = DeliverableFactory(commission=commission, due_date=datetime.date(2024, 5, 3))
    url = reverse("governance:deliverable_deliver", args=[deliverable.pk])

    member = _member_user(commission.assignee, MembershipRole.MEMBER)
    client.force_login(member)
    assert client.post(url, {"delivered_on": "2024-05-03"}).status_code == 403

    convener = _member_user(commission.assignee, MembershipRole.CONVENER)
    client.force_login(convener)
    page = client.get(commission.get_absolute_url()).content.decode()
    assert "Markera levererad" in page and "Ändra uppdrag" not in page
    response = client.post(
        url, {"delivered_on": "2024-05-03", "document": "https://example.org/rapport.pdf"}
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.DELIVERED
    assert deliverable.history.first().history_user == convener


# --- create and edit without JavaScript ----------------------------------------------------


def test_create_from_template_then_edit(admin_client):
    commissioner, assignee = GroupFactory(), GroupFactory()
    response = admin_client.get(reverse("governance:commission_create"))
    assert "Projektuppdrag" in response.content.decode()
    from governance.models import SectionTemplate

    template = SectionTemplate.objects.get(name="Projektuppdrag")
    response = admin_client.post(
        reverse("governance:commission_create"),
        {
            "template": template.pk,
            "title": "Test av arbetssätt",
            "commissioner": commissioner.pk,
            "assignee": assignee.pk,
            "kind": "project",
            "start_date": "2016-10-01",
            "end_date": "2017-05-31",
        },
    )
    commission = Commission.objects.get(title="Test av arbetssätt")
    assert response.url == reverse("governance:commission_edit", args=[commission.pk])
    assert commission.sections.count() == 6


def test_end_before_start_is_shown_next_to_the_field_and_nothing_is_saved(admin_client):
    commissioner, assignee = GroupFactory(), GroupFactory()
    response = admin_client.post(
        reverse("governance:commission_create"),
        {
            "title": "Baklänges",
            "commissioner": commissioner.pk,
            "assignee": assignee.pk,
            "kind": "project",
            "start_date": "2017-05-31",
            "end_date": "2016-10-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Periodens slut kan inte vara före dess början." in html
    assert 'value="Baklänges"' in html
    assert not Commission.objects.exists()


def _sections(commission):
    return [
        {
            "id": s.pk,
            "position": s.position,
            "heading": s.heading,
            "body": s.body,
            "required": s.required,
        }
        for s in commission.sections.order_by("position")
    ]


def _draft_with_three_sections():
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    for position, heading in enumerate(["Bakgrund", "Syfte och mål", "Uppdrag"], start=1):
        CommissionSectionFactory(commission=commission, heading=heading, position=position)
    return (
        commission,
        reverse("governance:commission_edit", args=[commission.pk]),
        _sections(commission),
    )


def test_move_and_add_sections_without_saving_then_save(admin_client):
    commission, url, rows = _draft_with_three_sections()
    rows[0]["body"] = "Ändrad men inte sparad"

    response = admin_client.post(url, _form_data(commission, rows, move="down:0"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Syfte och mål") < html.index("Ändrad men inte sparad")
    assert CommissionSection.objects.get(heading="Bakgrund").body == "Text med åäö."

    response = admin_client.post(url, _form_data(commission, rows, add_section="1"))
    assert 'name="sections-TOTAL_FORMS" value="4"' in response.content.decode()

    rows[0]["position"], rows[1]["position"] = 2, 1
    rows[2]["DELETE"] = True
    rows.append({"position": 4, "heading": "Resurser", "body": "Inom ram", "required": False})
    data = _form_data(commission, rows, save="1")
    data["sections-TOTAL_FORMS"] = 4
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    headings = list(commission.sections.order_by("position").values_list("heading", flat=True))
    assert headings == ["Syfte och mål", "Bakgrund", "Resurser"]


def test_move_after_typed_positions_moves_the_section_that_was_clicked(admin_client):
    commission, url, rows = _draft_with_three_sections()
    # Typed: "Uppdrag" first. Then "Flytta ned" on the section shown third on the page.
    rows[2]["position"] = 0
    response = admin_client.post(url, _form_data(commission, rows, move="down:2"))
    html = response.content.decode()
    # The typed order is applied (Uppdrag, Bakgrund, Syfte) and the clicked "Uppdrag" moves
    # down one place, not whichever section happened to be third after sorting.
    order = [html.index(f'value="{h}"') for h in ("Bakgrund", "Uppdrag", "Syfte och mål")]
    assert order == sorted(order)
    assert 'id="avsnitt-2"' in html and 'formaction="#avsnitt-3"' in html
    assert not CommissionSection.objects.filter(position=0).exists()


def test_status_page_confirms_once_and_offers_nothing_when_refused(admin_client):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    refused = admin_client.get(
        reverse("governance:commission_status", args=[commission.pk, "completed"])
    ).content.decode()
    assert "kan inte bli ”Avslutat”" in refused
    assert "Bekräfta" not in refused and 'name="on_date"' not in refused
    assert "Tillbaka till uppdraget" in refused
    allowed = admin_client.get(
        reverse("governance:commission_status", args=[commission.pk, "decided"])
    ).content.decode()
    # The page is the confirmation: no second question from a script dialog.
    assert "Bekräfta: Beslutat" in allowed and "data-confirm" not in allowed


def test_empty_required_section_and_oversized_text_keep_what_was_typed(admin_client):
    commission = CommissionFactory(status=CommissionStatus.DECIDED)
    CommissionSectionFactory(commission=commission, heading="Bakgrund", position=1)
    CommissionSectionFactory(commission=commission, heading="Resurser", position=2)
    rows = _sections(commission)
    rows[0]["body"] = ""
    rows[1]["body"] = "x" * 20_001
    url = reverse("governance:commission_edit", args=[commission.pk])
    response = admin_client.post(url, _form_data(commission, rows, title="Ny titel", save="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Avsnittet är obligatoriskt och får inte vara tomt.") == 1
    assert html.count("Texten är för lång: högst 20000 tecken är tillåtet, den har 20001.") == 1
    assert 'value="Ny titel"' in html
    commission.refresh_from_db()
    assert commission.title != "Ny titel"
    assert commission.sections.get(heading="Bakgrund").body == "Text med åäö."


def test_a_fresh_draft_saves_half_written_and_is_checked_when_decided(admin_client):
    """The user guide: drafts save half-written. Obligatory sections are checked when the
    commission leaves draft, and each error is printed once."""
    services.ensure_section_templates()
    template = SectionTemplate.objects.get(name="Projektuppdrag")
    commission = services.commission_create(
        actor=None,
        template=template,
        title="Genetik Kalmar",
        commissioner=GroupFactory(),
        assignee=GroupFactory(),
        kind="project",
    )
    assert all(s.required and not s.body for s in commission.sections.all())
    url = reverse("governance:commission_edit", args=[commission.pk])
    html = admin_client.get(url).content.decode()
    assert "Obligatoriskt: måste vara ifyllt innan uppdraget beslutas." in html
    rows = _sections(commission)
    rows[0]["body"] = "Bakgrunden skriven."
    response = admin_client.post(url, _form_data(commission, rows, save="1"))
    assert response.status_code == 302, response.content.decode()
    assert commission.sections.get(heading="Bakgrund").body == "Bakgrunden skriven."
    assert commission.sections.get(heading="Resurser").body == ""

    decide = reverse("governance:commission_status", args=[commission.pk, "decided"])
    response = admin_client.post(decide, {"on_date": "2024-01-10"})
    html = response.content.decode()
    assert response.status_code == 200
    message = "Avsnittet ”Syfte och mål” är obligatoriskt och får inte vara tomt."
    assert html.count(message) == 1
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.DRAFT


def test_decided_commission_text_change_asks_for_a_reason(admin_client):
    commission = CommissionFactory(status=CommissionStatus.DECIDED)
    CommissionSectionFactory(commission=commission, heading="Tidplan", body="Maj 2017")
    rows = _sections(commission)
    rows[0]["body"] = "Juni 2017"
    url = reverse("governance:commission_edit", args=[commission.pk])
    response = admin_client.post(url, _form_data(commission, rows, save="1"))
    assert "Ange varför texten ändras" in response.content.decode()
    response = admin_client.post(
        url, _form_data(commission, rows, save="1", reason="Förlängd tidplan")
    )
    assert response.status_code == 302
    assert commission.history.first().history_change_reason == "Förlängd tidplan"


# --- status, deliverables -----------------------------------------------------------------


def test_status_page_confirms_and_refuses_invalid_transition(admin_client):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    CommissionSectionFactory(commission=commission)
    url = reverse("governance:commission_status", args=[commission.pk, "completed"])
    html = admin_client.get(url).content.decode()
    assert "Ett uppdrag med status ”Utkast” kan inte bli ”Avslutat”." in html
    response = admin_client.post(url, {"on_date": "2024-01-01"})
    assert response.status_code == 200
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.DRAFT

    url = reverse("governance:commission_status", args=[commission.pk, "decided"])
    response = admin_client.post(url, {"on_date": "2016-09-30", "reason": "Beslut i rådet"})
    assert response.status_code == 302
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.DECIDED
    assert commission.status_date == datetime.date(2016, 9, 30)


def test_deliverable_outside_period_warns_but_saves(admin_client):
    commission = CommissionFactory(
        start_date=datetime.date(2016, 10, 1), end_date=datetime.date(2017, 5, 31)
    )
    response = admin_client.post(
        reverse("governance:deliverable_add", args=[commission.pk]),
        {"title": "Slutrapport", "due_date": "2017-09-01", "recipient": commission.commissioner_id},
        follow=True,
    )
    html = response.content.decode()
    assert "utanför uppdragets period" in html
    assert Deliverable.objects.filter(commission=commission, title="Slutrapport").exists()


# --- history and PDF ----------------------------------------------------------------------


def test_history_page_shows_who_why_and_a_word_diff(admin_client, admin_user):
    commission = services.commission_create(
        actor=admin_user,
        title="Uppdrag",
        commissioner=GroupFactory(),
        assignee=GroupFactory(),
    )
    services.commission_update(
        actor=admin_user,
        commission=commission,
        sections=[services.SectionInput(heading="Tidplan", body="Oktober 2016 – maj 2017")],
    )
    section = commission.sections.get()
    services.commission_update(
        actor=admin_user,
        commission=commission,
        reason="Förlängt",
        sections=[
            services.SectionInput(id=section.pk, heading="Tidplan", body="Oktober 2016 – juni 2017")
        ],
    )
    url = reverse("governance:commission_history", args=[commission.pk])
    html = admin_client.get(url).content.decode()
    assert "Förlängt" in html and "Anna Administratör" in html
    assert "<del>maj</del><ins>juni</ins>" in html
    versions = list(
        commission.history.order_by("history_date").values_list("history_id", flat=True)
    )
    html = admin_client.get(url, {"fran": versions[0], "till": versions[2]}).content.decode()
    assert "<ins>Oktober 2016 – juni 2017</ins>" in html and "nytt avsnitt" in html
    few = page_queries(admin_client, url)
    for number in range(3):
        services.commission_update(
            actor=admin_user,
            commission=commission,
            reason="igen",
            registry_number=f"RS/{number}/2024",
        )
    assert page_queries(admin_client, url) == few


def test_pdf_download(admin_client):
    commission = CommissionFactory(title="Test av arbetssätt")
    CommissionSectionFactory(commission=commission, heading="Bakgrund")
    response = admin_client.get(reverse("governance:commission_pdf", args=[commission.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "test-av-arbetssatt" in response["Content-Disposition"]


def test_new_commission_from_a_group_page_starts_with_the_group_as_commissioner(admin_client):
    from tests.groups.factories import GroupFactory

    group = GroupFactory(name="Centrumrådet Hjärtsjukvård")
    response = admin_client.get(reverse("governance:commission_create"), {"commissioner": group.pk})
    assert response.context["form"]["commissioner"].value() == str(group.pk)
    assert f'<option value="{group.pk}" selected>' in response.content.decode()


def test_commission_page_history_includes_its_deliverables(admin_client, admin_user):
    from governance.services import commissions as commission_services
    from tests.governance.factories import CommissionFactory

    commission = CommissionFactory()
    commission_services.deliverable_create(
        actor=admin_user,
        commission=commission,
        title="Delrapport till RPO",
        due_date=datetime.date(2025, 6, 1),
    )
    content = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "Leverans: Delrapport till RPO" in content
    assert "Leverans planerad" in content


def test_a_closed_commission_offers_no_change_and_refuses_one(admin_client):
    """The page reads commission_actions; the edit pages and services refuse the same."""
    commission = CommissionFactory(title="Avslutat arbete", status=CommissionStatus.COMPLETED)
    CommissionSectionFactory(commission=commission, heading="Bakgrund", body="Text")
    deliverable = DeliverableFactory(commission=commission)
    page = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "Ändra uppdrag" not in page
    assert "Lägg till leverans" not in page
    assert "Ändra status" not in page  # no transition left after completion
    refused = admin_client.get(
        reverse("governance:commission_edit", args=[commission.pk]), follow=True
    ).content.decode()
    assert "Uppdraget är avslutat och kan inte längre ändras." in refused
    response = admin_client.post(
        reverse("governance:deliverable_edit", args=[deliverable.pk]),
        {"title": "Ny rubrik", "due_date": "2030-01-01"},
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.title != "Ny rubrik"
    with pytest.raises(ValidationError):
        services.commission_update(actor=None, commission=commission, title="Ny titel")


def test_a_decided_commission_offers_its_transitions_and_editing(admin_client):
    commission = CommissionFactory(status=CommissionStatus.DECIDED)
    page = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "Ändra uppdrag" in page
    assert "Markera som avrapporterat" in page
    assert "Avsluta uppdraget" not in page  # only from reported
