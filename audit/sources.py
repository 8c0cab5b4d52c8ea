"""Every history table in the portal, found through django-simple-history's registry.

The audit log reads each app's history tables without importing the app: a model gets into
the log by having `history = HistoricalRecords()`.
"""

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from simple_history.models import registered_models


@dataclass(frozen=True)
class HistorySource:
    key: str  # the tracked model's "app_label.model_name"
    model: type[models.Model]
    history_model: type[models.Model]
    related: tuple[str, ...]  # select_related paths that the object's label needs

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()


def forward_relations(model) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.fields
        if field.many_to_one and not field.name.startswith("history_")
    ]


def _label_paths(history_model) -> tuple[str, ...]:
    """Related objects two steps out: enough for every __str__ in the portal today (a
    meeting's minutes name the meeting, which names its group)."""
    paths = []
    for field in forward_relations(history_model):
        paths.append(field.name)
        paths.extend(
            f"{field.name}__{inner.name}" for inner in forward_relations(field.related_model)
        )
    return tuple(paths)


@cache
def history_sources() -> tuple[HistorySource, ...]:
    sources = []
    for model in registered_models.values():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is None:
            continue  # a many-to-many through table: its changes are rows of the owner
        history_model = getattr(model, manager).model
        sources.append(
            HistorySource(
                key=model._meta.label_lower,
                model=model,
                history_model=history_model,
                related=_label_paths(history_model),
            )
        )
    return tuple(sorted(sources, key=lambda source: source.key))


def source_for(key: str) -> HistorySource | None:
    return next((source for source in history_sources() if source.key == key), None)


class QueryRefused(Exception):
    pass


def _refuse(execute, sql, params, many, context):
    raise QueryRefused(sql)


class NoQueries:
    """Inside, any SQL raises QueryRefused: a label that would need its own query falls back
    to the model's name and id, so a page of the log costs the same queries at any size."""

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(_refuse)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)


def record_label(source: HistorySource, record) -> str:
    """The object's name as it was in this history row, from the row and its joined parts."""
    instance = record.instance
    for field in forward_relations(source.history_model):
        if field.is_cached(record):
            instance._state.fields_cache[field.name] = field.get_cached_value(record)
    try:
        return str(instance)[:255]
    except (ObjectDoesNotExist, QueryRefused, TypeError, ValueError, AttributeError):
        return f"{source.label} {record.id}"
