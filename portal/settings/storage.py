"""Where uploads are kept: the local disk (default) or S3-compatible object storage.

With several app servers every server must see every file, so production on more than one
machine sets STORAGE_BACKEND=s3 (django-storages with boto3). docs/configuration.md lists the
variables; docs/decisions/0015-object-storage.md says why.
"""

from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import env_int, env_str

LOCAL = "local"
S3 = "s3"


def default_storage_config() -> dict:
    """The STORAGES["default"] entry chosen by STORAGE_BACKEND (read when settings load)."""
    backend = env_str("STORAGE_BACKEND", LOCAL).strip().lower()
    if backend == LOCAL:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend == S3:
        return {"BACKEND": "portal.s3.PortalS3Storage", "OPTIONS": s3_options()}
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be {LOCAL!r} or {S3!r}, not {backend!r}.")


def s3_options() -> dict:
    from botocore.config import Config

    endpoint_url = env_str("AWS_S3_ENDPOINT_URL", "") or None
    # Self-hosted servers (SeaweedFS, MinIO, Ceph) answer on one host name: path-style
    # addressing. AWS itself prefers virtual hosts, which botocore's "auto" picks.
    addressing_style = env_str("AWS_S3_ADDRESSING_STYLE", "path" if endpoint_url else "auto")
    timeout = env_int("AWS_S3_TIMEOUT_SECONDS", 10)
    return {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": endpoint_url,
        # Empty keys leave boto3 to its own chain (instance role, ~/.aws, AWS_* variables).
        "access_key": env_str("AWS_ACCESS_KEY_ID", "") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY", "") or None,
        "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
        "location": env_str("AWS_LOCATION", ""),
        # Objects stay private: the portal streams them after its own access check and never
        # hands out the storage's URLs.
        "default_acl": None,
        "querystring_auth": True,
        # Names are checksums: the same name always holds the same bytes.
        "file_overwrite": True,
        "client_config": Config(
            s3={"addressing_style": addressing_style},
            signature_version="s3v4",
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
