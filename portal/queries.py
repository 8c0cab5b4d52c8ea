"""Small query building blocks shared by the apps' selectors."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
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
