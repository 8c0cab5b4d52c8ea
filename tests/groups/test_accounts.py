import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.groups.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_invitation_gives_a_one_time_link_to_set_a_password(admin_client, client):
    person = PersonFactory(email="karin.testlund@exempel.se", first_name="Karin")
    response = admin_client.post(reverse("groups:person_invite", args=[person.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["karin.testlund@exempel.se"]
    assert "Hej Karin" in message.body
    link = re.search(r"http://testserver(/konto/aktivera/\S+)", message.body).group(1)

    page = client.get(link, follow=True)
    assert "Välj ett lösenord" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert "för kort" in response.content.decode()
    response = client.post(
        form_url, {"new_password1": "Hjärtsjukvård-2026", "new_password2": "Hjärtsjukvård-2026"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    # The new password logs in through the login form (django-axes needs the request).
    response = client.post(
        reverse("login"), {"username": person.user.username, "password": "Hjärtsjukvård-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    # The link works once only.
    assert "Länken är ogiltig" in client.get(link, follow=True).content.decode()


def test_invitation_needs_an_email(admin_client):
    person = PersonFactory(email="")
    response = admin_client.post(reverse("groups:person_invite", args=[person.pk]), follow=True)
    assert "saknar e-postadress" in response.content.decode()
    assert not mail.outbox


def test_deactivating_keeps_person_and_history(admin_client):
    person = PersonFactory(email="per.provstrom@exempel.se")
    admin_client.post(reverse("groups:person_invite", args=[person.pk]))
    person.refresh_from_db()
    response = admin_client.post(reverse("groups:person_deactivate", args=[person.pk]), follow=True)
    assert "Inloggningen för" in response.content.decode()
    person.refresh_from_db()
    assert person.user is not None and not person.user.is_active
    reasons = [h.history_change_reason for h in person.history.all()]
    assert "Inloggning avaktiverad" in reasons and "Inloggning skapad" in reasons


def test_people_without_login_still_appear_in_groups(admin_client):
    person = PersonFactory(first_name="Ulf", last_name="Utkastlund")
    content = admin_client.get(person.get_absolute_url()).content.decode()
    assert "Ingen inloggning" in content
