"""Secrecy (sekretess) of a part of the record: the public side withholds what is marked and
says on which legal ground, in the words the ground is given in (e.g. "OSL 21 kap. 1 §")."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Confidential(models.Model):
    is_confidential = models.BooleanField(
        _("sekretessbelagd"),
        default=False,
        help_text=_("Visas inte på den offentliga sidan, i API:t eller i öppna data."),
    )
    confidentiality_ground = models.CharField(
        _("grund för sekretess"),
        max_length=200,
        blank=True,
        help_text=_("Lagrummet, t.ex. OSL 21 kap. 1 §."),
    )

    class Meta:
        abstract = True

    @classmethod
    def confidentiality_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(is_confidential=False) | ~Q(confidentiality_ground=""), name=name
        )

    @property
    def secrecy_mark(self) -> str:
        """What the public side shows in the withheld part's place; "" when it is public."""
        if not self.is_confidential:
            return ""
        return _("Sekretessbelagd enligt %(ground)s") % {"ground": self.confidentiality_ground}

    def clean_confidentiality(self) -> None:
        self.confidentiality_ground = " ".join(self.confidentiality_ground.split())
        if self.is_confidential and not self.confidentiality_ground:
            raise ValidationError(
                {"confidentiality_ground": _("Ange på vilken grund uppgiften är sekretessbelagd.")}
            )
        if not self.is_confidential:
            self.confidentiality_ground = ""
