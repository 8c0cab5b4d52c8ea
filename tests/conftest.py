import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from portal.access import ADMINISTRATORS_GROUP
from tests.groups.factories import UserFactory

DEMO_PASSWORD = "Samverkan-2026!"


@pytest.fixture(autouse=True)
def _clear_content_type_cache():
    # guardian looks permissions up by content type; transactional tests recreate the rows.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="admin", first_name="Anna", last_name="Administratör")
    group, _ = AuthGroup.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def admin_client(admin_user):
    # Its own client, so a test can use it beside user_client.
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def user_client(user):
    client = Client()
    client.force_login(user)
    return client
