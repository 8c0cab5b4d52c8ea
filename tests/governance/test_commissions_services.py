"""Rules of commissions: lifecycle, reasons for changes, sections, deliverables, templates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.models import (
    Commission,
    CommissionSection,
    CommissionStatus,
    Deliverable,
    DeliverableRecurrence,
    DeliverableStatus,
    SectionTemplate,
)
from governance.services import commissions as services
from governance.services.commissions import SectionInput
from tests.governance.factories import (
    CommissionFactory,
    CommissionSectionFactory,
    DecisionFactory,
    DeliverableFactory,
)
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_seed_templates_are_created_once_and_edits_survive(admin_user):
    assert services.ensure_section_templates(actor=admin_user) == 2
    project = SectionTemplate.objects.get(name="Projektuppdrag")
    assert [i.heading for i in project.items.order_by("position")] == [
        "Bakgrund",
        "Syfte och mål",
        "Uppdrag",
        "Tidplan",
        "Avrapportering och beslutspunkter",
        "Resurser",
    ]
    permanent = SectionTemplate.objects.get(name="Permanent grupp (RAG)")
    assert [i.heading for i in permanent.items.order_by("position")][-3:] == [
        "Sammankallandes uppdrag",
        "Deltagares uppdrag",
        "Finansiering",
    ]
    project.description = "Ändrad av administratören"
    project.save()
    assert services.ensure_section_templates(actor=admin_user) == 0
    project.refresh_from_db()
    assert project.description == "Ändrad av administratören"


def test_create_from_template_copies_headings_as_required_sections(admin_user):
    services.ensure_section_templates()
    template = SectionTemplate.objects.get(name="Permanent grupp (RAG)")
    commissioner, assignee = GroupFactory(), GroupFactory()
    commission = services.commission_create(
        actor=admin_user,
        template=template,
        title="RAG Barnonkologi",
        commissioner=commissioner,
        assignee=assignee,
    )
    sections = list(commission.sections.order_by("position"))
    assert commission.status == CommissionStatus.DRAFT
    assert [s.position for s in sections] == list(range(1, 10))
    assert sections[0].heading == "Utgångspunkter" and sections[0].required
    assert "- etablerar relevanta kontakter" in sections[6].body
    assert commission.history.first().history_user == admin_user


def test_end_before_start_is_refused():
    commission = CommissionFactory()
    commission.start_date, commission.end_date = (
        datetime.date(2017, 5, 31),
        datetime.date(2016, 10, 1),
    )
    with pytest.raises(ValidationError) as error:
        commission.full_clean()
    assert error.value.message_dict["end_date"] == [
        "Periodens slut kan inte vara före dess början."
    ]


def test_invalid_transition_is_refused_in_swedish(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.commission_transition(
            actor=admin_user, commission=commission, to_status=CommissionStatus.COMPLETED
        )
    assert error.value.messages == ["Ett uppdrag med status ”Utkast” kan inte bli ”Avslutat”."]
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.DRAFT


def test_full_lifecycle_records_dates_and_decision(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    CommissionSectionFactory(commission=commission)
    decision = DecisionFactory(body=commission.commissioner)
    services.commission_transition(
        actor=admin_user,
        commission=commission,
        to_status=CommissionStatus.DECIDED,
        on_date=datetime.date(2016, 9, 30),
        decision=decision,
    )
    services.commission_transition(
        actor=admin_user, commission=commission, to_status=CommissionStatus.REPORTED
    )
    services.commission_transition(
        actor=admin_user, commission=commission, to_status=CommissionStatus.TRANSFERRED
    )
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.TRANSFERRED
    assert commission.status_date == timezone.localdate()
    statuses = [r.status for r in commission.history.order_by("history_date")]
    assert statuses == ["draft", "decided", "reported", "transferred"]
    decided = commission.history.get(status="decided")
    assert decided.decision_id == decision.pk and decided.status_date == datetime.date(2016, 9, 30)
    with pytest.raises(ValidationError):
        services.commission_transition(
            actor=admin_user, commission=commission, to_status=CommissionStatus.DECIDED
        )


def test_deciding_needs_every_required_section_written(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    CommissionSectionFactory(commission=commission, heading="Bakgrund", body="Text")
    CommissionSectionFactory(commission=commission, heading="Resurser", body="  ")
    with pytest.raises(ValidationError) as error:
        services.commission_transition(
            actor=admin_user, commission=commission, to_status=CommissionStatus.DECIDED
        )
    assert "Avsnittet ”Resurser” är obligatoriskt och får inte vara tomt." in error.value.messages
    commission.refresh_from_db()
    assert commission.status == CommissionStatus.DRAFT


def test_decided_text_change_needs_a_reason_which_is_kept(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DECIDED)
    section = CommissionSectionFactory(commission=commission, heading="Tidplan", body="Maj 2017")
    changed = [SectionInput(id=section.pk, heading="Tidplan", body="Juni 2017", required=True)]
    with pytest.raises(ValidationError) as error:
        services.commission_update(actor=admin_user, commission=commission, sections=changed)
    assert "anledningen sparas i historiken" in error.value.message_dict["reason"][0]
    section.refresh_from_db()
    assert section.body == "Maj 2017"

    services.commission_update(
        actor=admin_user,
        commission=commission,
        sections=changed,
        reason="Tidplanen förlängd av styrgruppen",
    )
    section.refresh_from_db()
    assert section.body == "Juni 2017"
    assert commission.history.first().history_change_reason == "Tidplanen förlängd av styrgruppen"
    assert section.history.first().history_change_reason == "Tidplanen förlängd av styrgruppen"


def test_decided_commission_facts_printed_on_the_paper_also_need_a_reason(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DECIDED)
    CommissionSectionFactory(commission=commission)
    with pytest.raises(ValidationError) as error:
        services.commission_update(
            actor=admin_user, commission=commission, registry_number="RS/1/2024"
        )
    assert "reason" in error.value.message_dict
    services.commission_update(
        actor=admin_user,
        commission=commission,
        registry_number="RS/1/2024",
        reason="Diariefört hos kansliet",
    )
    commission.refresh_from_db()
    assert commission.registry_number == "RS/1/2024"
    assert commission.history.first().history_change_reason == "Diariefört hos kansliet"
    # Saving again without any change asks for nothing.
    services.commission_update(actor=admin_user, commission=commission)


def test_sections_are_reordered_added_and_removed_with_history(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    first = CommissionSectionFactory(commission=commission, heading="Ett", position=1)
    second = CommissionSectionFactory(commission=commission, heading="Två", position=2)
    services.commission_update(
        actor=admin_user,
        commission=commission,
        sections=[
            SectionInput(id=second.pk, heading="Två", body="b", required=False),
            SectionInput(heading="Tre", body="c"),
        ],
    )
    headings = list(commission.sections.order_by("position").values_list("heading", "position"))
    assert headings == [("Två", 1), ("Tre", 2)]
    assert not CommissionSection.objects.filter(pk=first.pk).exists()
    assert CommissionSection.history.filter(id=first.pk, history_type="-").exists()


def test_empty_commission_text_cannot_be_decided(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.commission_transition(
            actor=admin_user, commission=commission, to_status=CommissionStatus.DECIDED
        )
    assert "Uppdraget har ingen text" in error.value.messages[0]


def test_oversized_section_text_is_refused(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.commission_update(
            actor=admin_user,
            commission=commission,
            sections=[SectionInput(heading="Bakgrund", body="å" * 20_001)],
        )
    assert "body" in error.value.message_dict
    assert not commission.sections.exists()


def test_late_is_derived_from_the_due_date():
    today = timezone.localdate()
    late = DeliverableFactory(due_date=today - datetime.timedelta(days=1))
    due_today = DeliverableFactory(due_date=today)
    assert late.current_status() == DeliverableStatus.LATE
    assert late.display_status == "Försenad"
    assert due_today.current_status() == DeliverableStatus.PLANNED


def test_yearly_deliverable_gets_its_next_occurrence(admin_user):
    commission = CommissionFactory(end_date=None)
    deliverable = DeliverableFactory(
        commission=commission,
        due_date=datetime.date(2024, 11, 15),
        recurrence=DeliverableRecurrence.YEARLY,
        recipient=commission.commissioner,
    )
    delivered, next_one = services.deliverable_mark_delivered(
        actor=admin_user,
        deliverable=deliverable,
        delivered_on=datetime.date(2024, 11, 20),
        document="https://example.org/arsrapport.pdf",
    )
    assert delivered.status == DeliverableStatus.DELIVERED
    assert next_one.due_date == datetime.date(2025, 11, 15)
    assert next_one.recurrence == DeliverableRecurrence.YEARLY
    assert next_one.recipient == commission.commissioner
    with pytest.raises(ValidationError) as error:
        services.deliverable_mark_delivered(
            actor=admin_user, deliverable=delivered, delivered_on=datetime.date(2024, 11, 21)
        )
    assert "redan markerad som levererad" in error.value.messages[0]
    assert Deliverable.objects.filter(commission=commission).count() == 2


def test_delivery_date_cannot_be_in_the_future(admin_user):
    deliverable = DeliverableFactory()
    with pytest.raises(ValidationError):
        services.deliverable_mark_delivered(
            actor=admin_user,
            deliverable=deliverable,
            delivered_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.PLANNED


def test_deliverable_outside_the_period_is_saved(admin_user):
    commission = CommissionFactory(end_date=datetime.date(2025, 12, 31))
    deliverable = services.deliverable_create(
        actor=admin_user, commission=commission, title="Sen", due_date=datetime.date(2026, 3, 1)
    )
    assert deliverable.pk and not commission.covers(deliverable.due_date)


def test_versions_reconstruct_the_text_of_each_save(admin_user):
    services.ensure_section_templates()
    commission = services.commission_create(
        actor=admin_user,
        template=None,
        title="Uppdrag",
        commissioner=GroupFactory(),
        assignee=GroupFactory(),
    )
    services.commission_update(
        actor=admin_user,
        commission=commission,
        sections=[SectionInput(heading="Bakgrund", body="Första texten.")],
    )
    section = commission.sections.get()
    services.commission_update(
        actor=admin_user,
        commission=commission,
        sections=[
            SectionInput(id=section.pk, heading="Bakgrund", body="Andra texten."),
            SectionInput(heading="Resurser", body="Inom ram."),
        ],
    )
    from governance.selectors.commissions import commission_versions, compare_versions

    versions = commission_versions(Commission.objects.get(pk=commission.pk))
    assert [[s.body for s in v.sections] for v in versions] == [
        [],
        ["Första texten."],
        ["Andra texten.", "Inom ram."],
    ]
    diffs, reordered = compare_versions(versions[1], versions[2])
    assert [(d.heading_new, d.added, d.changed) for d in diffs] == [
        ("Bakgrund", False, True),
        ("Resurser", True, True),
    ]
    assert not reordered


def test_a_draft_is_saved_half_written_but_a_decided_text_must_stay_complete(admin_user):
    draft = CommissionFactory(status=CommissionStatus.DRAFT)
    section = CommissionSectionFactory(commission=draft, heading="Resurser", body="")
    half = [SectionInput(id=section.pk, heading="Resurser", body="", required=True)]
    services.commission_update(actor=admin_user, commission=draft, sections=half, title="Utkast")
    draft.refresh_from_db()
    assert draft.title == "Utkast"

    decided = CommissionFactory(status=CommissionStatus.DECIDED)
    section = CommissionSectionFactory(commission=decided, heading="Resurser", body="Budget")
    emptied = [SectionInput(id=section.pk, heading="Resurser", body=" ", required=True)]
    with pytest.raises(ValidationError) as error:
        services.commission_update(
            actor=admin_user, commission=decided, sections=emptied, reason="Rensat"
        )
    assert "Avsnittet ”Resurser” är obligatoriskt och får inte vara tomt." in error.value.messages


def test_commission_registry_number_is_checked_like_a_decisions(admin_user):
    commission = CommissionFactory(status=CommissionStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        services.commission_update(actor=admin_user, commission=commission, registry_number="X")
    assert "fyrsiffrigt år" in " ".join(error.value.message_dict["registry_number"])
    services.commission_update(
        actor=admin_user, commission=commission, registry_number="CRH 2016/7"
    )
