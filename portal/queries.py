"""Small query building blocks shared by the apps' selectors."""

from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce


def count_per_row(related: QuerySet, *, via: str) -> Coalesce:
    """The number of `related` rows pointing (through the foreign key `via`) at each row of the
    outer query, as a correlated subquery: PostgreSQL counts for the rows of the page only,
    where a Count() annotation groups every row before the LIMIT (and the paginator's COUNT)."""
    return Coalesce(
        Subquery(
            related.filter(**{via: OuterRef("pk")})
            .order_by()
            .values(via)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def choice_order(field: str, choices, *, by_label: bool = False) -> Case:
    """A sortable position for a choice field: the order its choices are declared in (a
    lifecycle such as planned → active → closed), or with `by_label` the alphabetical order
    of their labels in the current language, so a sorted column reads in the order shown,
    not in the order of the stored English keys."""
    pairs = list(choices)
    if by_label:
        pairs.sort(key=lambda pair: str(pair[1]).casefold())
    return Case(
        *(When(**{field: value}, then=Value(index)) for index, (value, _label) in enumerate(pairs)),
        default=Value(len(pairs)),
        output_field=IntegerField(),
    )


def choice_label(field: str, choices) -> Case:
    """A choice field's label in the current language, from SQL: a list of 50 rows then needs
    no `get_FOO_display()` per row (each one hashes every lazy label of the choices)."""
    return Case(
        *(When(**{field: value}, then=Value(str(label))) for value, label in choices),
        default=Value(""),
        output_field=CharField(),
    )
