"""Budgets are changed by administrators and the owning body's secretary (issue 7, item 7),
through `groups.manage_finances`; the chair and the convener may read but not change them."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.models import Budget, BudgetLine
from groups import access as group_access
from groups import services as group_services
from groups.models import MembershipRole
from groups.permissions import MANAGE_DECISIONS, MANAGE_FINANCES
from tests.finance.factories import DecisionFactory, seed_budget
from tests.groups.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    # guardian caches permissions on the user object; a new request has a new user.
    return get_user_model().objects.get(pk=user.pk)


def member(group, role, username):
    user = UserFactory(username=username)
    group_services.membership_start(
        actor=None,
        person=PersonFactory(user=user),
        group=group,
        role=role,
        start_date=datetime.date(2020, 1, 1),
    )
    return user


@pytest.fixture
def chair(committee):
    return member(committee, MembershipRole.CHAIR, "ordforande")


@pytest.fixture
def convener(committee):
    return member(committee, MembershipRole.CONVENER, "sammankallande")


@pytest.fixture
def budget(committee):
    return seed_budget(owner=committee)


def test_only_the_secretary_holds_manage_finances(committee, secretary, chair, convener):
    assert group_access.user_can_on_group(fresh(secretary), MANAGE_FINANCES, committee)
    for other in (chair, convener):
        assert not group_access.user_can_on_group(fresh(other), MANAGE_FINANCES, committee)
        # Their other rights are unchanged.
        assert group_access.user_can_on_group(fresh(other), MANAGE_DECISIONS, committee)
    assert group_access.user_can_on_group(fresh(secretary), MANAGE_DECISIONS, committee)


def test_the_right_ends_with_the_secretarys_term(committee, secretary):
    membership = secretary.person.memberships.get()
    group_services.membership_end(
        actor=None, membership=membership, end_date=datetime.date(2021, 12, 31)
    )
    assert not group_access.user_can_on_group(fresh(secretary), MANAGE_FINANCES, committee)


def change_requests(budget):
    """Every page that changes a budget, as (method, url, data)."""
    line = BudgetLine.objects.filter(revision__budget=budget).first()
    line_data = {
        "label": line.label,
        "kind": line.kind,
        "category": line.category,
        "amount_2020": "1",
    }
    return [
        ("get", reverse("finance:budget_line_create", args=[budget.pk]), None),
        ("post", reverse("finance:budget_line_create", args=[budget.pk]), line_data),
        ("get", reverse("finance:budget_line_edit", args=[budget.pk, line.pk]), None),
        ("post", reverse("finance:budget_line_edit", args=[budget.pk, line.pk]), line_data),
        ("post", reverse("finance:budget_line_delete", args=[budget.pk, line.pk]), {}),
        ("post", reverse("finance:revision_create", args=[budget.pk]), {"note": "Ny"}),
        ("get", reverse("finance:revision_opening_balance", args=[budget.pk]), None),
        (
            "post",
            reverse("finance:revision_opening_balance", args=[budget.pk]),
            {"opening_balance": "1", "reason": "Bokslut"},
        ),
        ("get", reverse("finance:budget_adopt", args=[budget.pk]), None),
        ("post", reverse("finance:budget_adopt", args=[budget.pk]), {"decision": ""}),
        ("get", reverse("finance:budget_supersede", args=[budget.pk]), None),
        ("post", reverse("finance:budget_supersede", args=[budget.pk]), {"reason": "Ersatt"}),
        ("get", reverse("finance:budget_import"), None),
    ]


def test_chair_and_convener_are_refused_every_change(client, budget, chair, convener):
    for user in (chair, convener):
        client.force_login(user)
        for method, url, data in change_requests(budget):
            response = getattr(client, method)(url, data) if data is not None else client.get(url)
            assert response.status_code == 403, (user.username, method, url)
        page = client.get(budget.get_absolute_url()).content.decode()
        assert "Lägg till rad" not in page
        assert "Fastställ revision 1" not in page
    assert BudgetLine.objects.filter(revision__budget=budget).count() == 7
    assert budget.revisions.count() == 1


def test_secretary_and_administrator_may_change(client, committee, secretary, admin_user):
    for user in (secretary, admin_user):
        budget = seed_budget(owner=committee, title=f"Budget för {user.username}")
        client.force_login(user)
        page = client.get(budget.get_absolute_url()).content.decode()
        assert "Lägg till rad" in page
        assert "Fastställ revision 1" in page
        for method, url, _data in change_requests(budget):
            if method == "get" and "ersatt" not in url:  # superseding needs an adopted budget
                assert client.get(url).status_code == 200, (user.username, url)
        # Writes reach the services: a new revision, then adoption by the body's decision.
        client.post(reverse("finance:revision_create", args=[budget.pk]), {"note": "Höst"})
        assert budget.revisions.count() == 2
        decision = DecisionFactory(body=committee)
        client.post(
            reverse("finance:budget_adopt", args=[budget.pk]),
            {"decision": decision.pk, "confirm_old_date": "on"},
        )
        budget.refresh_from_db()
        assert budget.adopted_by == decision
        assert budget.adopted_revision.number == 2
        supersede = reverse("finance:budget_supersede", args=[budget.pk])
        assert client.get(supersede).status_code == 200


def test_import_owners_are_the_bodies_where_one_is_secretary(client, committee, secretary, chair):
    url = reverse("finance:budget_import")
    file = b"label,kind,2020\nIntakt,income,12\n"
    client.force_login(chair)
    response = client.post(
        url, {"file": SimpleUploadedFile("b.csv", file), "owner": committee.pk, "title": "B"}
    )
    assert response.status_code == 403
    client.force_login(secretary)
    response = client.post(
        url, {"file": SimpleUploadedFile("b.csv", file), "owner": committee.pk, "title": "B"}
    )
    assert response.status_code == 302
    assert Budget.objects.get().owner == committee
