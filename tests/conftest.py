import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from portal.access import ADMINISTRATORS_GROUP
from tests.groups.factories import UserFactory
from tests.two_factor import verify_session

DEMO_PASSWORD = "Samverkan-2026!"


@pytest.fixture(autouse=True)
def _clear_content_type_cache():
    # guardian looks permissions up by content type; transactional tests recreate the rows.
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached choices (the register's years and bodies) must not outlive a test's rows.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_verifies(monkeypatch):
    """`force_login` of a user who needs the second factor also verifies the session, as a
    real verification does (django_otp.login), with a TOTP device made for the user. The
    factor stays enforced: a login through the form still asks for the code."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


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


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3 server (SeaweedFS) on loopback for the whole run, stopped at its end."""
    from tests.servers import seaweedfs

    with seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture
def s3_bucket(s3_server):
    """An empty bucket of its own for one test."""
    import uuid

    from tests.servers import create_bucket

    name = f"portal-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_server, name)
    return name


@pytest.fixture
def s3_storage(s3_server, s3_bucket, settings, monkeypatch):
    """Uploads go to the bucket, configured the way production is: from the environment."""
    from portal.settings.storage import default_storage_config

    for name, value in s3_server.environment(s3_bucket).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": default_storage_config()}
    return s3_bucket
