"""Text search of decisions: Swedish full-text search on PostgreSQL, substrings on SQLite.

`filter_decisions_by_text(queryset, text)` is shared by the decision register, the global
search and the public register. On PostgreSQL a decision matches when every word of the
search is a prefix of a stemmed word of its title, diarienummer, case text, proposal or one
of its clauses ("arbetsfördelningen" finds "arbetsfördelning" and "arbetsfördelningsprojekt"),
or when the text appears in its title or diarienummer (trigram indexes: "1009/2017" or a
part of a compound in the title). Decisions matching in their own text rank above those
matching only in a clause; each has `search_headline`, the matching passage as safe HTML
with <mark> around the matches.
"""

from __future__ import annotations

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat
from django.db.models.sql.where import WhereNode

from governance.access.meetings import readable_group_ids
from governance.models import Decision, DecisionClause, Minutes, MinutesItemNote
from portal import search

# A decision matches by its own vector, title or diarienummer (a condition on the row, which
# the GIN indexes serve as a bitmap, or which PostgreSQL checks row by row while it walks an
# ordering's index when the word is common), or by one of its clauses (a hashed id list from
# the clauses' GIN index).
_CLAUSE_MATCH = (
    "SELECT c.decision_id FROM governance_decisionclause c"
    " WHERE c.search_vector @@ to_tsquery('swedish'::regconfig, %s)"
)


def _own_match(text: str) -> Q:
    match = Q(search.matches(search.prefix_query(text)))
    if search.substring_worth_matching(text):
        match |= Q(title__icontains=text.strip()) | Q(registry_number__icontains=text.strip())
    return match


def _clause_match(text: str) -> Q:
    return Q(pk__in=RawSQL(_CLAUSE_MATCH, [search.prefix_query(text)]))


# Ranking reads every match's vector: a common word ("vård", "region") matches tens of
# thousands of decisions at national scale, too many to rank within a page's time. Only the
# newest matches (highest ids, an index-ordered walk of the filtered queryset) are ranked; the
# pages that rank say so, and sorting by a column lists every match.
RANK_CANDIDATES = 1000


def filter_decisions_by_text(
    queryset: QuerySet[Decision], text: str, *, ranked: bool = True
) -> QuerySet[Decision]:
    """The decisions of the queryset that match the text, annotated with `search_headline`;
    the queryset itself when the text is blank. Ranked: the best match among the newest
    RANK_CANDIDATES matches first (then the queryset's own order); otherwise every match in
    the queryset's own order."""
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if not search.full_text_available():
        return _substring_filter(queryset, text).annotate(
            search_headline=search.plain_excerpt(
                Concat("case_description", Value("\n"), "proposal")
            )
        )
    # The passage comes from the case text, the proposal and the clauses (only for the rows
    # shown: PostgreSQL computes the headline after the LIMIT).
    document = Concat(
        "case_description",
        Value("\n"),
        "proposal",
        Value("\n"),
        _joined_text(DecisionClause.objects.all(), via="decision", order_by="position"),
        output_field=TextField(),
    )
    order = queryset.query.order_by or Decision._meta.ordering
    if not ranked:
        matches = queryset.filter(_own_match(text) | _clause_match(text))
        return matches.annotate(search_headline=search.headline(document, text))
    # The newest matches of each kind, each found the way its own estimate suggests (the GIN
    # index for a rare word, the primary key walked backwards for a common one): an OR of the
    # two would be estimated at half the register and always walked.
    # The clauses' newest matches are bounded inside, before the queryset's filters, and
    # sorted by an expression ("+ 0") so that the clauses' GIN index finds them: PostgreSQL
    # misjudges a prefix word's share of the clauses and would otherwise walk every clause
    # by decision to find a rare word (130 ms at national scale).
    newest = queryset.order_by("-pk").values("pk")
    newest_clauses = RawSQL(
        f"{_CLAUSE_MATCH} ORDER BY c.decision_id + 0 DESC LIMIT {RANK_CANDIDATES}",
        [search.prefix_query(text)],
    )
    candidates = newest.filter(_own_match(text))[:RANK_CANDIDATES].union(
        newest.filter(pk__in=newest_clauses)
    )
    # The candidates met the queryset's filters already; repeated on the outer query they made
    # PostgreSQL scan the whole register for a member (the readable-groups filter).
    outer = queryset.all()
    outer.query.where = WhereNode()
    return (
        outer.filter(pk__in=candidates)
        .annotate(
            search_rank=search.rank(text),
            search_headline=search.headline(document, text),
        )
        .order_by("-search_rank", *order)
    )


def _joined_text(related, *, via: str, order_by: str):
    """The texts of the related rows (clauses, notes), one per line, as a subquery."""
    return Coalesce(
        Subquery(
            related.filter(**{via: OuterRef("pk")})
            .order_by()
            .values(via)
            .annotate(text=StringAgg("text", delimiter="\n", order_by=order_by))
            .values("text")
        ),
        Value(""),
        output_field=TextField(),
    )


def _substring_filter(queryset: QuerySet[Decision], text: str) -> QuerySet[Decision]:
    clause_match = DecisionClause.objects.filter(decision=OuterRef("pk"), text__icontains=text)
    return queryset.filter(
        Q(title__icontains=text)
        | Q(registry_number__icontains=text)
        | Q(case_description__icontains=text)
        | Q(proposal__icontains=text)
        | Exists(clause_match)
    )


# Minutes whose notes match (GIN index on the notes' search vector), or whose meeting's title
# contains the text (trigram index on upper(title), as icontains writes it): one id list from
# two index scans, so the newest-first walk over every meeting never filters row by row.
_MINUTES_NOTE_MATCH = (
    "SELECT n.minutes_id FROM governance_minutesitemnote n"
    " WHERE n.search_vector @@ to_tsquery('swedish'::regconfig, %s)"
)
_MINUTES_TITLE_MATCH = (
    " UNION SELECT m.id FROM governance_minutes m"
    " JOIN governance_meeting t ON t.id = m.meeting_id"
    " WHERE upper(t.title::text) LIKE upper(%s)"
)


def minutes_matching(user, text: str) -> QuerySet[Minutes]:
    """Minutes of meetings the user may read whose notes or meeting title match the text,
    newest meeting first, with `search_headline` (the matching passage) from the
    notes."""
    text = (text or "").strip()[:200]
    minutes = Minutes.objects.select_related("meeting", "meeting__group")
    readable = readable_group_ids(user)
    if readable is not None:
        minutes = minutes.filter(meeting__group__in=readable)
    if not search.full_text_available():
        return (
            minutes.filter(
                Q(meeting__title__icontains=text)
                | Exists(
                    MinutesItemNote.objects.filter(minutes=OuterRef("pk"), text__icontains=text)
                )
            )
            .annotate(search_headline=Value("", output_field=search.SafeHTMLField()))
            .order_by("-meeting__starts_at", "pk")
        )
    sql, params = _MINUTES_NOTE_MATCH, [search.prefix_query(text)]
    if search.substring_worth_matching(text):
        sql, params = sql + _MINUTES_TITLE_MATCH, [*params, search.like_pattern(text)]
    notes = _joined_text(
        MinutesItemNote.objects.all(), via="minutes", order_by="agenda_item__number"
    )
    return (
        minutes.filter(pk__in=RawSQL(sql, params))
        .annotate(search_headline=search.headline(notes, text))
        .order_by("-meeting__starts_at", "pk")
    )
