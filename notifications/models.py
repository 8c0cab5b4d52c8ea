"""The outbox: every e-mail the portal sends, what it concerns, and how its sending went.

A message is written by a service in the same transaction as what caused it and sent by a
background task after the commit (notifications.tasks). It is never deleted: queued messages
are retried with backoff, failed ones stay visible to administrators until sent again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.models import Decision, Deliverable, Dispatch, Meeting, Minutes
from groups.models import Person


class MessageKind(models.TextChoices):
    NOTICE = "notice", _("Kallelse")
    DISPATCH = "dispatch", _("Protokollsutdrag")
    JUSTERING = "justering", _("Påminnelse om justering")
    DELIVERABLE = "deliverable", _("Påminnelse om leverans")
    FOLLOW_UP = "follow_up", _("Påminnelse om verkställighet")
    MEETING = "meeting", _("Påminnelse inför möte")


# Kallelse and expediering are part of the body's work; nobody can turn them off.
MANDATORY_KINDS = frozenset({MessageKind.NOTICE, MessageKind.DISPATCH})


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("I kö")
    SENT = "sent", _("Skickat")
    FAILED = "failed", _("Misslyckat")


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Kallelse med dagordning")
    DECISION = "decision", _("Protokollsutdrag")


class MailDocument(models.Model):
    """A PDF attached to messages, rendered once by the background task and kept, so that a
    retry sends the same bytes and the dispatch record can name them by checksum."""

    kind = models.CharField(_("dokument"), max_length=20, choices=DocumentKind.choices)
    filename = models.CharField(_("filnamn"), max_length=200)
    content = models.BinaryField(_("innehåll"))
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    size = models.PositiveIntegerField(_("storlek (byte)"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bifogat dokument")
        verbose_name_plural = _("bifogade dokument")

    def __str__(self) -> str:
        return self.filename


class Mailing(models.Model):
    """One sending action that reaches several people: a kallelse (in a version of the agenda)
    or a dispatch. Its PDF is rendered once for all its messages."""

    kind = models.CharField(_("typ"), max_length=20, choices=MessageKind.choices)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailings",
        verbose_name=_("möte"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailings",
        verbose_name=_("beslut"),
    )
    dispatch = models.OneToOneField(
        Dispatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailing",
        verbose_name=_("expediering"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_changed = models.BooleanField(_("ändrad kallelse"), default=False)
    fingerprint = models.CharField(_("innehållets kontrollsumma"), max_length=64, blank=True)
    document_kind = models.CharField(
        _("bifogat dokument"), max_length=20, choices=DocumentKind.choices, blank=True
    )
    document = models.ForeignKey(
        MailDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailings",
        verbose_name=_("dokument"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skickat av"),
    )
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"


class OutboxMessage(models.Model):
    kind = models.CharField(_("typ"), max_length=20, choices=MessageKind.choices)
    mailing = models.ForeignKey(
        Mailing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("utskick"),
    )
    # One reminder per occasion, by the database: "justering-submitted:12:person:7".
    occasion = models.CharField(_("tillfälle"), max_length=200, null=True, blank=True)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("person"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("användare"),
    )
    to_name = models.CharField(_("mottagare"), max_length=200, blank=True)
    to_email = models.EmailField(_("e-postadress"))
    subject = models.CharField(_("ämne"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # What the message concerns (explicit foreign keys; the outbox filters on them).
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes = models.ForeignKey(
        Minutes, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-postmeddelande")
        verbose_name_plural = _("e-postmeddelanden")
        constraints = [
            models.UniqueConstraint(
                fields=["occasion"],
                condition=Q(occasion__isnull=False),
                name="outbox_one_message_per_occasion",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_status_next"),
            models.Index(fields=["user", "-created_at"], name="outbox_user_created"),
            models.Index(fields=["person", "-created_at"], name="outbox_person_created"),
            # The outbox page's default order (newest first), read a page at a time.
            models.Index(fields=["-created_at", "-id"], name="outbox_created"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email}"

    @property
    def can_resend(self) -> bool:
        """Queued or failed: an administrator may send it again (a sent one, never)."""
        return self.status != MessageStatus.SENT


class MailOptOut(models.Model):
    """A kind of mail a user chose not to receive (kallelse and dispatch cannot be opted out
    of: notifications.services.preferences_save refuses them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_opt_outs",
        verbose_name=_("användare"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=MessageKind.choices)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("avböjd e-posttyp")
        verbose_name_plural = _("avböjda e-posttyper")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="mail_opt_out_once"),
            models.CheckConstraint(
                condition=~Q(kind__in=["notice", "dispatch"]), name="mail_opt_out_not_mandatory"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} − {self.kind}"
