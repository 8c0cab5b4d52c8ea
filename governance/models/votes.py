"""How a decision was reached at a meeting: the motions (yrkanden), the order the chair put
them (propositionsordning), a roll-call vote (votering) and members who left the item for a
conflict of interest (jäv). Every participant is a seat at the meeting (an Attendance row):
the member, or the substitute serving in their place, known by name only."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.decisions import Decision
from governance.models.meetings import Attendance
from portal.models import TimestampedModel


class Motion(TimestampedModel):
    """A motion (yrkande): who proposed what, in the order they were made."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="motions", verbose_name=_("beslut")
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    attendance = models.ForeignKey(
        Attendance, on_delete=models.PROTECT, related_name="motions", verbose_name=_("yrkande av")
    )
    text = models.CharField(
        _("yrkande"),
        max_length=1000,
        help_text=_(
            "Det som följer efter ”yrkar”, t.ex. ”bifall till förslaget” eller ”att ärendet "
            "återremitteras”."
        ),
    )
    proposition_order = models.PositiveSmallIntegerField(
        _("i propositionsordningen"), null=True, blank=True
    )
    adopted = models.BooleanField(
        _("bifallet på proposition"),
        default=False,
        help_text=_("Ordföranden finner att organet beslutar enligt detta yrkande."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "position"]
        verbose_name = _("yrkande")
        verbose_name_plural = _("yrkanden")
        constraints = [
            models.UniqueConstraint(fields=["decision", "position"], name="motion_position_unique"),
            models.UniqueConstraint(
                fields=["decision"], condition=Q(adopted=True), name="motion_one_adopted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attendance.seat_name}: {self.text}"


class Vote(TimestampedModel):
    """A roll-call vote (votering) between two motions: ja for one, nej for the other.

    The result is computed from the ballots; on a tie the chair's vote decides, and the seat
    that cast it is recorded in `casting_vote_by` when the vote is saved."""

    decision = models.OneToOneField(
        Decision, on_delete=models.CASCADE, related_name="vote", verbose_name=_("beslut")
    )
    yes_motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="+", verbose_name=_("ja-röst för")
    )
    no_motion = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="+", verbose_name=_("nej-röst för")
    )
    casting_vote_by = models.ForeignKey(
        Attendance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utslagsröst av"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("votering")
        verbose_name_plural = _("voteringar")
        constraints = [
            models.CheckConstraint(
                condition=~Q(yes_motion=models.F("no_motion")), name="vote_two_motions"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision}"


class BallotChoice(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    ABSTAIN = "abstain", _("Avstår")


class VoteBallot(TimestampedModel):
    """One seat's answer in the roll call."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("votering")
    )
    attendance = models.ForeignKey(
        Attendance, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("ledamot")
    )
    choice = models.CharField(_("röst"), max_length=10, choices=BallotChoice.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["vote", "attendance__person__last_name", "attendance__person__first_name"]
        verbose_name = _("röst")
        verbose_name_plural = _("röster")
        constraints = [
            models.UniqueConstraint(fields=["vote", "attendance"], name="ballot_once_per_seat")
        ]

    def __str__(self) -> str:
        return f"{self.attendance.seat_name}: {self.get_choice_display()}"


class Recusal(TimestampedModel):
    """Jäv: a member (or serving substitute) who left the item and took no part in it."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("beslut")
    )
    attendance = models.ForeignKey(
        Attendance, on_delete=models.PROTECT, related_name="recusals", verbose_name=_("ledamot")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "attendance__person__last_name"]
        verbose_name = _("jäv")
        verbose_name_plural = _("jäv")
        constraints = [
            models.UniqueConstraint(fields=["decision", "attendance"], name="recusal_once")
        ]

    def __str__(self) -> str:
        return self.attendance.seat_name
