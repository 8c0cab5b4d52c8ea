"""Thin views: access → form → one service → redirect/render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.forms.meetings import add_service_error
from governance.services import dispatch as dispatch_services
from notifications import access, selectors, services
from notifications.forms import OutboxFilterForm, PreferencesForm, RecipientForm
from portal.access import require_administrator
from portal.forms import posted
from portal.sorting import sort_from


def meeting_notice(request, pk: int):
    """Confirm and send the kallelse: who gets it, in which version, changed or not."""
    meeting = access.meeting_for_notice(pk, user=request.user)
    errors = []
    if request.method == "POST":
        try:
            mailing = services.meeting_notice_send(actor=request.user, meeting=meeting)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Kallelsen är skickad till %(count)d mottagare.",
                    "Kallelsen är skickad till %(count)d mottagare.",
                    mailing.recipient_count,
                )
                % {"count": mailing.recipient_count},
            )
            return redirect(meeting.get_absolute_url())
    return render(
        request,
        "notifications/meeting_notice.html",
        {"meeting": meeting, "state": selectors.notice_state(meeting), "errors": errors},
    )


def decision_recipients(request, pk: int):
    """The structured "Utdrag till": add and remove recipients."""
    decision = access.decision_for_dispatch(pk, user=request.user)
    form = RecipientForm(posted(request), **selectors.recipient_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recipient = dispatch_services.decision_recipient_add(
                actor=request.user,
                decision=decision,
                kind=data["kind"],
                group=data["group"],
                person=data["person"],
                region=data["region"],
                name=data["name"],
                email=data["email"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(name)s är tillagd.") % {"name": recipient.label})
            return redirect("notifications:decision_recipients", pk=decision.pk)
    return render(
        request,
        "notifications/decision_recipients.html",
        {
            "decision": decision,
            "recipients": selectors.decision_recipients(decision),
            "form": form,
        },
    )


@require_POST
def decision_recipient_remove(request, pk: int):
    recipient = access.recipient_for_update(pk, user=request.user)
    dispatch_services.decision_recipient_remove(actor=request.user, recipient=recipient)
    messages.success(request, _("%(name)s är borttagen.") % {"name": recipient.label})
    return redirect("notifications:decision_recipients", pk=recipient.decision_id)


def decision_dispatch(request, pk: int):
    """Confirm and send the extract to everyone under "Utdrag till" (expediering)."""
    decision = access.decision_for_dispatch(pk, user=request.user)
    errors = []
    if request.method == "POST":
        try:
            services.decision_dispatch(actor=request.user, decision=decision)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Protokollsutdraget är expedierat."))
            return redirect(decision.get_absolute_url())
    return render(
        request,
        "notifications/decision_dispatch.html",
        {
            "decision": decision,
            "preview": selectors.dispatch_preview(decision),
            "errors": errors,
        },
    )


def outbox(request):
    """Administrators: every message, filtered by status, kind and recipient, 50 a page."""
    require_administrator(request.user)
    form = OutboxFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.OutboxFilters(
        status=data.get("status", ""), kind=data.get("kind", ""), query=data.get("q", "")
    )
    sort = sort_from(request.GET, selectors.OUTBOX_COLUMNS, default=selectors.OUTBOX_DEFAULT_SORT)
    page = selectors.outbox_page(filters, page=request.GET.get("page", 1), sort=sort)
    return render(
        request,
        "notifications/outbox.html",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "counts": selectors.outbox_counts(),
        },
    )


@require_POST
def message_resend(request, pk: int):
    message = access.message_for_resend(pk, user=request.user)
    try:
        services.message_resend(actor=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Meddelandet till %(email)s skickas igen.") % {"email": message.to_email}
        )
    back = request.POST.get("next", "")
    local = (
        back.startswith("/")
        and back.isprintable()
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    )
    return HttpResponseRedirect(back if local else reverse("notifications:outbox"))


def preferences(request):
    """Which kinds of mail the user gets; kallelse and dispatch cannot be turned off."""
    rows = selectors.preferences_for(request.user)
    form = PreferencesForm(posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(
            actor=request.user, user=request.user, enabled_kinds=form.enabled_kinds()
        )
        messages.success(request, _("Dina val för e-post är sparade."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "rows": rows})
