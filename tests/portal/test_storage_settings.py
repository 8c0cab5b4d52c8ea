"""STORAGE_BACKEND chooses where uploads go; a wrong or half-made choice stops the start."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.storage import default_storage_config


def test_local_files_are_the_default(monkeypatch):
    monkeypatch.delenv("STORAGE_BACKEND", raising=False)
    assert default_storage_config() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_is_configured_from_the_environment(monkeypatch):
    monkeypatch.setenv("STORAGE_BACKEND", "S3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "samverkan-bilagor")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.se")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-north-1")
    monkeypatch.setenv("AWS_LOCATION", "portal")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    config = default_storage_config()
    options = config["OPTIONS"]
    assert config["BACKEND"] == "portal.s3.PortalS3Storage"  # django-storages' S3Storage
    assert options["bucket_name"] == "samverkan-bilagor"
    assert options["endpoint_url"] == "https://s3.example.se"
    assert options["region_name"] == "eu-north-1"
    assert options["location"] == "portal"
    assert options["access_key"] is None  # boto3's own chain: instance role, ~/.aws …
    assert options["default_acl"] is None and options["querystring_auth"] is True
    # A self-hosted endpoint answers on one host name: path-style addressing.
    assert options["client_config"].s3 == {"addressing_style": "path"}


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND must be 'local' or 's3'"),
        ({"STORAGE_BACKEND": "s3"}, "AWS_STORAGE_BUCKET_NAME must be set"),
    ],
)
def test_a_wrong_or_incomplete_choice_stops_the_start(monkeypatch, environment, message):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        default_storage_config()
