"""Pages to record how a decision was reached at its meeting: conflicts of interest (jäv),
motions (yrkanden) with the propositionsordning, and a roll-call vote (votering). Plain
server-rendered forms; each POST calls one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.access import meetings as access
from governance.access.actions import decision_actions
from governance.access.votes import motion_for_update, recusal_for_update
from governance.forms.meetings import add_service_error
from governance.forms.votes import MotionForm, PropositionForm, RecusalForm, RollCallForm
from governance.selectors import decisions as decision_selectors
from governance.selectors import participants as selectors
from governance.services import votes as services
from portal.forms import posted


def _proceedings_url(decision) -> str:
    return reverse("governance:decision_proceedings", args=[decision.pk])


def _proceedings_page(
    request, decision, *, motion_form=None, proposition_form=None, recusal_form=None
):
    overview = decision_selectors.decision_overview(decision.pk)
    actions = decision_actions(
        request.user, overview.decision, minutes_status=overview.minutes_status
    )
    motions = selectors.decision_motions(decision)
    return render(
        request,
        "governance/decision_proceedings.html",
        {
            "overview": overview,
            "decision": overview.decision,
            "actions": actions,
            "motion_form": motion_form
            or MotionForm(seats=selectors.decision_participants(decision), prefix="motion"),
            "proposition_form": proposition_form
            or PropositionForm(motions=motions, prefix="proposition"),
            "recusal_form": recusal_form
            or RecusalForm(seats=selectors.recusal_candidates(decision), prefix="recusal"),
        },
    )


def decision_proceedings(request, pk: int):
    """Jäv, yrkanden and propositionsordning of one decision; POST adds a motion."""
    decision = access.decision_for_update(pk, user=request.user)
    if request.method != "POST":
        return _proceedings_page(request, decision)
    form = MotionForm(
        request.POST, seats=selectors.decision_participants(decision), prefix="motion"
    )
    if form.is_valid():
        try:
            services.motion_add(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Yrkandet är registrerat."))
            return redirect(_proceedings_url(decision))
    return _proceedings_page(request, decision, motion_form=form)


@require_POST
def decision_proposition(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    motions = selectors.decision_motions(decision)
    form = PropositionForm(request.POST, motions=motions, prefix="proposition")
    if form.is_valid():
        try:
            services.proposition_set(
                actor=request.user,
                decision=decision,
                order=form.order(),
                adopted=form.adopted_motion(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Propositionsordningen är sparad."))
            return redirect(_proceedings_url(decision))
    return _proceedings_page(request, decision, proposition_form=form)


@require_POST
def motion_remove(request, pk: int):
    motion = motion_for_update(pk, user=request.user)
    try:
        services.motion_remove(actor=request.user, motion=motion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Yrkandet är borttaget."))
    return redirect(_proceedings_url(motion.decision))


@require_POST
def decision_recusal_add(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    form = RecusalForm(request.POST, seats=selectors.recusal_candidates(decision), prefix="recusal")
    if form.is_valid():
        try:
            services.recusal_add(
                actor=request.user, decision=decision, attendance=form.cleaned_data["attendance"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Jävet är registrerat."))
            return redirect(_proceedings_url(decision))
    return _proceedings_page(request, decision, recusal_form=form)


@require_POST
def recusal_remove(request, pk: int):
    recusal = recusal_for_update(pk, user=request.user)
    try:
        services.recusal_remove(actor=request.user, recusal=recusal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Jävet är borttaget."))
    return redirect(_proceedings_url(recusal.decision))


def decision_vote(request, pk: int):
    """The roll call: one form, a row per seat taking part in the decision."""
    decision = access.decision_for_update(pk, user=request.user)
    overview = decision_selectors.decision_overview(decision.pk)
    form = RollCallForm(
        posted(request),
        motions=selectors.decision_motions(decision),
        seats=selectors.decision_participants(decision),
        vote=overview.vote,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_record(
                actor=request.user,
                decision=decision,
                yes_motion=form.cleaned_data["yes_motion"],
                no_motion=form.cleaned_data["no_motion"],
                ballots=form.ballots(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Voteringen är registrerad."))
            return redirect(decision)
    return render(
        request,
        "governance/decision_vote.html",
        {
            "form": form,
            "overview": overview,
            "decision": overview.decision,
            "has_motions": len(overview.motions) >= 2,
            "actions": decision_actions(
                request.user, overview.decision, minutes_status=overview.minutes_status
            ),
        },
    )


@require_POST
def decision_vote_remove(request, pk: int):
    decision = access.decision_for_update(pk, user=request.user)
    try:
        services.vote_remove(actor=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Voteringen är borttagen."))
    return redirect(decision)
