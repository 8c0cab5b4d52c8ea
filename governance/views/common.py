"""Small helpers the governance views share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from governance.forms.meetings import AttachmentForm, add_service_error
from governance.services import attachments as attachment_services
from portal import events
from portal.downloads import content_disposition
from portal.forms import posted, posted_files


def pdf_response(pdf: bytes, filename: str, *, request, obj, inline: bool = False) -> HttpResponse:
    """The PDF as a download, recorded in the audit log as issued to the user."""
    events.record_event(events.DOCUMENT, request=request, obj=obj, detail=filename)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response


def attachment_page(request, *, owner: dict, heading: str, back_url: str):
    """Add an attachment to an agenda item or a decision (owner = {"agenda_item": …} or
    {"decision": …}); the one upload page both use."""
    form = AttachmentForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            attachment_services.attachment_add(
                actor=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                is_confidential=form.cleaned_data["is_confidential"],
                confidentiality_ground=form.cleaned_data["confidentiality_ground"],
                **owner,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Bilagan är tillagd."))
            return redirect(back_url)
    return render(
        request,
        "governance/attachment_form.html",
        {"form": form, "heading": heading, "cancel_url": back_url},
    )
