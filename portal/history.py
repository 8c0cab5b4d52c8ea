"""Audit helpers around django-simple-history, shared by every app's services."""

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _


def save_with_history(
    instance: models.Model, *, actor, reason: str = "", parts_changed: bool = False
) -> models.Model:
    """Validate and save an audited object, recording who changed it and why.

    An existing object whose fields all equal the stored row is not saved: a form sent back
    unchanged leaves no history row and keeps its version (`modified_at`). A caller whose
    form also changed the object's parts (a decision's clauses, the minutes' adjusters) passes
    `parts_changed=True`: the object is saved anyway, so its version moves and another form
    opened on the old version is refused as stale.
    """
    instance.full_clean()
    if not parts_changed and not has_changes(instance):
        return instance
    instance._history_user = actor if actor is not None and actor.is_authenticated else None
    instance._change_reason = reason or None
    instance.save()
    return instance


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a change is made of: not the key, not times the save itself sets."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def has_changes(instance: models.Model) -> bool:
    """True for a new object, or one with a field that differs from its stored row."""
    if instance._state.adding or instance.pk is None:
        return True
    fields = compared_fields(type(instance))
    stored = (
        type(instance)
        ._base_manager.filter(pk=instance.pk)
        .values(*(field.attname for field in fields))
        .first()
    )
    if stored is None:
        return True
    return any(stored[field.attname] != getattr(instance, field.attname) for field in fields)


def user_label(user) -> str:
    """Who did something, for display: the user's name, else the username; "Systemet" when no
    user did it (demo data, commands). Templates get this ready-made, since a filter argument
    such as `default:x.user.username` raises when the user is None."""
    if user is None:
        return _("Systemet")
    return user.get_full_name() or user.get_username()


class HistorySource:
    """One history table's rows for a combined history: `records` (a history model's
    queryset, filtered to what the page shows), the paths of the values its line's subject
    is made from (`about`, e.g. {"number": "number", "first": "person__first_name"}), and
    `subject`, which turns those values (a dict) into the "Gäller" text."""

    def __init__(self, records, subject, about: dict[str, str] | None = None):
        self.records = records
        self.subject = subject
        self.about = about or {}


class HistoryLine:
    """One line of a combined history, read in one query: what the history table shows."""

    def __init__(self, row: dict, subject: str):
        self.history_date = row["h_date"]
        self.history_type = row["h_type"]
        self.history_change_reason = row["h_reason"]
        self.history_user = (
            get_user_model()(
                pk=row["h_user"],
                username=row["h_username"],
                first_name=row["h_first"] or "",
                last_name=row["h_last"] or "",
            )
            if row["h_user"] is not None
            else None
        )
        self.subject = subject


def history_lines(*sources: HistorySource, limit: int = 40) -> list[HistoryLine]:
    """Newest first across several history tables, in one query (UNION ALL): the pages'
    combined histories cost one query however many tables they read. Each table's rows are
    the changes of one object and its parts, so the union is small before its LIMIT."""
    width = max(len(source.about) for source in sources)
    branches = []
    for index, source in enumerate(sources):
        paths = list(source.about.values())
        subject_columns = {
            f"s{n}": Cast(paths[n], _TEXT) if n < len(paths) else Value("", _TEXT)
            for n in range(width)
        }
        branches.append(
            source.records.order_by()
            .annotate(
                h_date=F("history_date"),
                h_type=F("history_type"),
                h_reason=F("history_change_reason"),
                h_user=F("history_user_id"),
                h_username=F("history_user__username"),
                h_first=F("history_user__first_name"),
                h_last=F("history_user__last_name"),
                h_source=Cast(Value(index), _INTEGER),
                **subject_columns,
            )
            .values(*_HEAD, "h_source", *subject_columns)
        )
    rows = branches[0].union(*branches[1:], all=True).order_by("-h_date")[:limit]
    lines = []
    for row in rows:
        source = sources[row["h_source"]]
        values = {name: row[f"s{n}"] for n, name in enumerate(source.about)}
        lines.append(HistoryLine(row, str(source.subject(values))))
    return lines


# Output fields shared by every line's expressions (a field is costly to make, and these are
# only read).
_TEXT = TextField()
_INTEGER = IntegerField()
_HEAD = ("h_date", "h_type", "h_reason", "h_user", "h_username", "h_first", "h_last")
