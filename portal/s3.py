"""The S3 storage backend (STORAGE_BACKEND=s3): django-storages' own, with its failures as
OSError, as the local disk's are, so callers handle one kind of storage error."""

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage


class StorageUnavailable(OSError):
    """The object storage did not answer, or refused: a fault of the storage, not the file."""


class PortalS3Storage(S3Storage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable(str(error)) from error
