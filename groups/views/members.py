from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import access, services
from groups.forms import MembershipEndForm, MembershipForm
from portal.forms import posted


def membership_add(request, pk: int):
    group = access.group_for_update(pk, user=request.user)
    form = MembershipForm(
        posted(request), group=group, initial={"start_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_person = (
            None
            if data["person"]
            else services.NewPerson(
                first_name=data["new_first_name"],
                last_name=data["new_last_name"],
                title=data["new_title"],
                email=data["new_email"] or "",
            )
        )
        try:
            membership = services.membership_add(
                actor=request.user,
                group=group,
                person=data["person"],
                new_person=new_person,
                role=data["role"],
                region=data["region"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                voting_right=data["voting_right"],
                note=data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(person)s är tillagd som %(role)s.")
                % {
                    "person": membership.person.full_name,
                    "role": membership.get_role_display().lower(),
                },
            )
            if "save_and_add" in request.POST:
                return redirect("groups:membership_add", pk=group.pk)
            return redirect(group)
    return render(request, "groups/membership_form.html", {"form": form, "group": group})


def membership_end(request, pk: int):
    membership = access.membership_for_update(pk, user=request.user)
    form = MembershipEndForm(
        posted(request),
        membership=membership,
        initial={"end_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user,
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Uppdraget för %(person)s avslutas %(date)s.")
                % {"person": membership.person.full_name, "date": membership.end_date.isoformat()},
            )
            return redirect(membership.group)
    return render(request, "groups/membership_end.html", {"form": form, "membership": membership})
