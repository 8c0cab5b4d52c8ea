"""Building blocks of Swedish full-text search on PostgreSQL (decision 0022), for any app.

The searched tables carry a stored generated `search_vector` column (tsvector, Swedish
configuration) with a GIN index, added by the apps' migrations on PostgreSQL only; it is not
a model field, so Django never writes it. SQLite, the embedded default, has no such column:
callers check `full_text_available()` and fall back to substring matching.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Expression, FloatField, Func, TextField, Value
from django.utils.safestring import mark_safe

CONFIG = "swedish"
SEARCH_VECTOR = "search_vector"
# Highlight up to two passages of a dozen words or more; the marks are <mark>, the document is
# HTML-escaped in SQL before ts_headline sees it (see headline()).
HEADLINE_OPTIONS = (
    "StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=24, MinWords=10, "
    'FragmentDelimiter=" … "'
)
_WORD = re.compile(r"\w+")
PREFIX_MIN = 3


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


def search_words(text: str) -> list[str]:
    """The words of a search, lower case, at most eight of them."""
    return _WORD.findall(text.lower())[:8]


def prefix_query(text: str) -> str:
    """A to_tsquery text in which every word must match, each as a prefix of a stemmed word:
    "arbetsfördelningen" is stemmed to 'arbetsfördelning':*, which also finds the compound
    "arbetsfördelningsprojektet". Words shorter than PREFIX_MIN match whole words only (a
    prefix "b" would match half the register). Empty when the text has no words."""
    return " & ".join(
        f"'{word}':*" if len(word) >= PREFIX_MIN else f"'{word}'" for word in search_words(text)
    )


def substring_worth_matching(text: str) -> bool:
    """Substrings (ILIKE) of fewer than three characters match nearly everything, and the
    trigram indexes cannot serve them."""
    return len(text.strip()) >= PREFIX_MIN


def like_pattern(text: str) -> str:
    """A LIKE pattern for the text anywhere, escaped as Django's icontains escapes it (the
    trigram GIN indexes on upper(column) serve it)."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class TsQuery(Func):
    template = f"to_tsquery('{CONFIG}'::regconfig, %(expressions)s)"
    output_field = TextField()


class TableColumn(Expression):
    """A column of the query's base table that is not a model field (the search vector).
    It follows the table's alias, so it works inside subqueries too."""

    def __init__(self, column: str, output_field=None):
        super().__init__(output_field=output_field or TextField())
        self.column = column

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return (
            f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.column)}",
            [],
        )


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def matches(tsquery: str) -> Func:
    """The base table's search vector matches the to_tsquery text (see prefix_query), as a
    condition for filter()."""
    return _Matches(TableColumn(SEARCH_VECTOR), TsQuery(Value(tsquery)))


def rank(text: str) -> Func:
    """ts_rank of the base table's search vector against the search."""
    return Func(
        TableColumn(SEARCH_VECTOR),
        TsQuery(Value(prefix_query(text))),
        function="ts_rank",
        output_field=FloatField(),
    )


class SafeHTMLField(TextField):
    """The output of headline(): escaped text with <mark> around the matches, safe to show."""

    def from_db_value(self, value, expression, connection):
        return mark_safe(value) if value is not None else ""


class _EscapeHTML(Func):
    template = "replace(replace(replace(%(expressions)s, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
    output_field = TextField()


def headline(document: Expression, text: str) -> Func:
    """ts_headline of a document (escaped first, so the result is safe HTML) for the search."""
    return Func(
        Value(CONFIG),
        _EscapeHTML(document),
        TsQuery(Value(prefix_query(text))),
        Value(HEADLINE_OPTIONS),
        template="ts_headline(%(expressions)s)",
        output_field=SafeHTMLField(),
    )


def plain_excerpt(document: Expression, length: int = 200) -> Func:
    """The fallback passage on SQLite: the document's beginning, escaped."""
    return Func(
        _EscapeHTML(document),
        Value(1),
        Value(length),
        function="substr",
        output_field=SafeHTMLField(),
    )
