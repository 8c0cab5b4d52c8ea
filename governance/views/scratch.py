"""SCRATCH (reverted): two intentionally unprotected views, to show the matrix catches them."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from governance.models import Meeting


def meeting_unprotected(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)  # no access check
    return HttpResponse(meeting.title)


def meeting_unlisted(request, pk: int):
    return HttpResponse("no entry in the table")
