"""Serving a stored file (an attachment) in chunks, from the local disk or object storage."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

CHUNK_BYTES = 64 * 1024


def download_response(
    stored: FieldFile, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """The file as a download (inline with as_attachment=False), read from storage while it
    is sent (never whole in memory).

    django-storages' S3File copies the whole object into memory on its first read; the object's
    own body streams instead. The caller has already checked that the user may have the file:
    storage URLs are never handed out (docs/decisions/0015-object-storage.md).
    """
    handle = stored.storage.open(stored.name, "rb")
    s3_object = getattr(handle, "obj", None)  # set by storages.backends.s3.S3File
    if s3_object is None:
        response = FileResponse(
            handle, as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    else:
        fetched = s3_object.get()
        response = FileResponse(
            fetched["Body"],
            as_attachment=as_attachment,
            filename=filename,
            content_type=content_type,
        )
        response["Content-Length"] = str(fetched["ContentLength"])
    response.block_size = CHUNK_BYTES
    return response
