"""The expected outcome of every URL pattern for every role, GET and POST: the one table of
who may do what, which tests/crawl/test_permission_matrix.py checks against the running portal
and docs/security.md shows (tests/portal/test_security_doc.py keeps them equal).

Adding a view: add one entry under its URL name ("namespace:name") to TABLE, saying which
object its URL arguments name and who gets what; or let a rule in FAMILIES cover a whole
namespace. Outcomes: "200" (the page), "302" (done, sent on), "login" (sent to a login page),
"403", "404", "405" (method not allowed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.urls import reverse

from tests.crawl.matrix_world import (
    ADJUSTER,
    ADMINISTRATOR,
    ANONYMOUS,
    CONVENER,
    MEMBER,
    OTHER_CONVENER,
    OUTSIDER,
    ROLES,
    SECRETARY,
)

OK = "200"
REDIRECT = "302"
LOGIN = "login"
DENIED = "403"
MISSING = "404"
NOT_ALLOWED = "405"
REFUSED = frozenset({LOGIN, DENIED, MISSING, NOT_ALLOWED})

SIGNED_IN = ROLES[1:]
# The committee's people who run its work (chair, convener and secretary manage a group).
MANAGERS = (CONVENER, SECRETARY, ADMINISTRATOR)
# Everyone with a seat in the committee, and the administrators: who reads its meetings.
IN_GROUP = (MEMBER, CONVENER, ADJUSTER, SECRETARY, ADMINISTRATOR)
# A convener or secretary of any group (a new decision names its body in the form).
ANY_MANAGER = (CONVENER, OTHER_CONVENER, SECRETARY, ADMINISTRATOR)
# Who keeps a committee's budget: its secretary (kansli) and the administrators.
SECRETARY_AND_ADMIN = (SECRETARY, ADMINISTRATOR)
ADMIN_ONLY = (ADMINISTRATOR,)


def rule(
    allowed: Iterable[str] = SIGNED_IN,
    *,
    ok: str = OK,
    refused: str = DENIED,
    anonymous: str = LOGIN,
    **others: str,
) -> dict[str, str]:
    """Each role's outcome: `ok` for the allowed roles, `refused` for the other signed-in ones,
    `anonymous` for the anonymous visitor; keyword arguments name a role's exception."""
    allowed = set(allowed)
    outcomes = {role: (ok if role in allowed else refused) for role in SIGNED_IN} | {
        ANONYMOUS: anonymous
    }
    for role, value in others.items():
        outcomes[_ROLE_KEYWORDS[role]] = value
    return outcomes


_ROLE_KEYWORDS = {
    "anonym": ANONYMOUS,
    "outsider": OUTSIDER,
    "member": MEMBER,
    "convener": CONVENER,
    "other_convener": OTHER_CONVENER,
    "adjuster": ADJUSTER,
    "secretary": SECRETARY,
    "administrator": ADMINISTRATOR,
}
EVERYONE = rule(SIGNED_IN, anonymous=OK)
# GET on a POST-only view, or POST on a page that only shows: 405 once signed in.
METHOD_REFUSED = rule(ok=NOT_ALLOWED)
# A public page that only shows (no login): GET 200 and POST 405 for everyone.
PUBLIC_REFUSED = rule(ok=NOT_ALLOWED, anonymous=NOT_ALLOWED)


@dataclass(frozen=True)
class Entry:
    """One URL pattern: what its arguments are (object kind from the world's ids, or a fixed
    value) and each role's outcome for GET and for an empty POST."""

    get: Mapping[str, str]
    post: Mapping[str, str]
    arguments: Mapping[str, str] = field(default_factory=dict)  # URL argument -> id kind
    values: Mapping[str, str] = field(default_factory=dict)  # URL argument -> fixed value

    def expectations(self, method: str) -> Mapping[str, str]:
        return self.get if method == "get" else self.post


def page(
    get: Mapping[str, str],
    post: Mapping[str, str] | None = None,
    *,
    values: Mapping[str, str] | None = None,
    **arguments: str,
) -> Entry:
    """A page (or document) that answers GET and POST alike unless `post` says otherwise.
    `arguments` name the world's object for each URL argument; `values` fix the others."""
    return Entry(
        get=get, post=post if post is not None else get, arguments=arguments, values=values or {}
    )


# The roles whose login needs the second factor (the matrix verifies it for them).
TWO_FACTOR_KEYWORDS = ("other_convener", "adjuster", "secretary", "administrator")

# The committee's objects, as each role finds them (tests/crawl/matrix_world.py).
TABLE: dict[str, Entry] = {
    "dashboard": page(rule(), METHOD_REFUSED),
    "login": page(rule(ok=REDIRECT, anonymous=OK)),
    "logout": page(METHOD_REFUSED, rule(ok=LOGIN)),
    "password_change": page(rule()),
    "password_change_done": page(rule(), METHOD_REFUSED),
    "account_activate": page(EVERYONE, values={"token": "ogiltig", "uidb64": "MQ"}),
    "account_activate_complete": page(EVERYONE, rule(ok=NOT_ALLOWED, anonymous=NOT_ALLOWED)),
    "lockout_list": page(rule(ADMIN_ONLY), rule(ADMIN_ONLY, ok=REDIRECT)),
    "set_language": page(rule(ok=REDIRECT, anonymous=REDIRECT)),
    "accessibility": page(EVERYONE, PUBLIC_REFUSED),
    "help": page(rule(), METHOD_REFUSED),
    "help_page": page(rule(), METHOD_REFUSED, values={"role": "ledamot"}),
    "groups:list": page(rule(), METHOD_REFUSED),
    "groups:tree": page(rule(), METHOD_REFUSED),
    "groups:create": page(rule(ADMIN_ONLY)),
    "groups:detail": page(rule(), METHOD_REFUSED, pk="group"),
    "groups:as_of": page(rule(), METHOD_REFUSED, pk="group"),
    "groups:edit": page(rule(ADMIN_ONLY), pk="group"),
    "groups:membership_add": page(rule(ADMIN_ONLY), pk="group"),
    "groups:membership_end": page(rule(ADMIN_ONLY), pk="membership"),
    "groups:person_list": page(rule(), METHOD_REFUSED),
    "groups:person_create": page(rule(ADMIN_ONLY)),
    "groups:person_detail": page(rule(), METHOD_REFUSED, pk="person"),
    "groups:person_edit": page(rule(ADMIN_ONLY), pk="person"),
    "groups:person_invite": page(METHOD_REFUSED, rule(ADMIN_ONLY, ok=REDIRECT), pk="person"),
    "groups:person_deactivate": page(METHOD_REFUSED, rule(ADMIN_ONLY, ok=REDIRECT), pk="person"),
    "groups:coverage_index": page(rule(ok=REDIRECT)),
    "groups:coverage": page(rule(), METHOD_REFUSED, slug="healthcare_region_slug"),
    "groups:import": page(rule(ADMIN_ONLY)),
    "administration:index": page(rule(ADMIN_ONLY)),
    "administration:healthcare_regions": page(rule(ADMIN_ONLY)),
    "administration:healthcare_region_create": page(rule(ADMIN_ONLY)),
    "administration:healthcare_region_edit": page(rule(ADMIN_ONLY), pk="healthcare_region"),
    "administration:region_create": page(rule(ADMIN_ONLY)),
    "administration:region_edit": page(rule(ADMIN_ONLY), pk="region"),
    "administration:populations": page(rule(ADMIN_ONLY)),
    "administration:population_import": page(rule(ADMIN_ONLY)),
    "administration:administrators": page(rule(ADMIN_ONLY)),
    "administration:administrator_revoke": page(
        METHOD_REFUSED, rule(ADMIN_ONLY, ok=REDIRECT), user_id="administrator"
    ),
    "governance:commission_list": page(rule()),
    "governance:commission_create": page(rule(ADMIN_ONLY)),
    "governance:commission_detail": page(rule(), pk="commission"),
    "governance:commission_edit": page(rule(ADMIN_ONLY, ok=REDIRECT), pk="commission"),
    "governance:commission_status": page(
        rule(ADMIN_ONLY), pk="commission", values={"status": "reported"}
    ),
    "governance:commission_history": page(rule(), pk="commission"),
    "governance:commission_as_of": page(rule(), METHOD_REFUSED, pk="commission"),
    "governance:commission_pdf": page(rule(), METHOD_REFUSED, pk="commission"),
    "governance:deliverable_add": page(rule(ADMIN_ONLY, ok=REDIRECT), pk="commission"),
    "governance:deliverable_edit": page(rule(ADMIN_ONLY, ok=REDIRECT), pk="deliverable"),
    "governance:deliverable_deliver": page(rule(ADMIN_ONLY), pk="deliverable"),
    "governance:section_template_list": page(rule(ADMIN_ONLY)),
    "governance:section_template_edit": page(rule(ADMIN_ONLY), pk="section_template"),
    "governance:meeting_list": page(rule(), METHOD_REFUSED),
    "governance:meeting_group_list": page(rule(IN_GROUP), group_id="group"),
    "governance:meeting_create": page(rule(MANAGERS), group_id="group"),
    "governance:meeting_detail": page(rule(IN_GROUP), pk="meeting"),
    "governance:meeting_edit": page(rule(MANAGERS), pk="meeting"),
    "governance:meeting_agenda": page(rule(MANAGERS), pk="meeting"),
    "governance:meeting_agenda_item_edit": page(rule(MANAGERS), item_pk="agenda_item"),
    "governance:meeting_agenda_item_move": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), item_pk="agenda_item"
    ),
    "governance:meeting_agenda_item_delete": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), item_pk="agenda_item"
    ),
    "governance:meeting_agenda_item_attachment": page(rule(MANAGERS), item_pk="agenda_item"),
    "governance:meeting_attendance": page(rule(MANAGERS), pk="meeting"),
    "governance:meeting_guest_add": page(METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="meeting"),
    "governance:meeting_guest_remove": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), guest_pk="guest"
    ),
    "governance:meeting_agenda_pdf": page(rule(IN_GROUP), pk="meeting"),
    "governance:meeting_minutes_edit": page(rule(MANAGERS), pk="meeting"),
    "governance:meeting_minutes_item": page(rule(MANAGERS), item_pk="agenda_item", pk="meeting"),
    "governance:meeting_minutes_submit": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="meeting"
    ),
    "governance:meeting_minutes_withdraw": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="meeting"
    ),
    "governance:meeting_minutes_approve": page(
        rule(
            (
                ADJUSTER,
                ADMINISTRATOR,
            )
        ),
        rule(ADMIN_ONLY, adjuster=REDIRECT),
        pk="meeting",
    ),
    "governance:meeting_minutes_correct": page(rule(MANAGERS), pk="meeting"),
    "governance:meeting_minutes_pdf": page(rule(IN_GROUP), pk="meeting"),
    "governance:decision_list": page(rule(), METHOD_REFUSED),
    "governance:decision_export": page(rule(), values={"fmt": "csv"}),
    "governance:decision_create": page(rule(ANY_MANAGER)),
    "governance:decision_detail": page(rule(), pk="decision"),
    "governance:decision_as_of": page(rule(), METHOD_REFUSED, pk="decision"),
    "governance:decision_edit": page(rule(MANAGERS), pk="decision"),
    "governance:decision_reservation_add": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="decision"
    ),
    "governance:decision_follow_up": page(
        rule(MANAGERS), rule(MANAGERS, ok=REDIRECT), pk="decision"
    ),
    "governance:decision_approve_immediately": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="decision"
    ),
    "governance:decision_attachment_add": page(rule(MANAGERS), pk="decision"),
    "governance:decision_pdf": page(rule(), pk="decision"),
    "governance:decision_proceedings": page(rule(MANAGERS), pk="decision"),
    "governance:decision_proposition": page(METHOD_REFUSED, rule(MANAGERS), pk="decision"),
    "governance:decision_recusal_add": page(METHOD_REFUSED, rule(MANAGERS), pk="decision"),
    "governance:decision_vote": page(rule(MANAGERS), pk="decision"),
    "governance:decision_vote_remove": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="decision"
    ),
    "governance:motion_remove": page(METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="motion"),
    "governance:recusal_remove": page(METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="recusal"),
    "governance:attachment_download": page(rule(IN_GROUP), pk="attachment"),
    "governance:attachment_remove": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="attachment"
    ),
    "governance:decision_reservation_remove": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="reservation"
    ),
    "finance:budget_list": page(rule(), METHOD_REFUSED),
    "finance:budget_import": page(rule(SECRETARY_AND_ADMIN)),
    "finance:budget_detail": page(rule(), METHOD_REFUSED, pk="budget"),
    "finance:budget_export": page(rule(), pk="budget", values={"fmt": "csv"}),
    "finance:cost_sharing_export": page(rule(), pk="budget"),
    "finance:budget_line_create": page(rule(SECRETARY_AND_ADMIN, ok=REDIRECT), pk="budget"),
    "finance:budget_line_edit": page(
        rule(SECRETARY_AND_ADMIN, ok=REDIRECT), line_pk="budget_line", pk="budget"
    ),
    "finance:budget_line_delete": page(
        METHOD_REFUSED, rule(SECRETARY_AND_ADMIN, ok=REDIRECT), line_pk="budget_line", pk="budget"
    ),
    "finance:budget_adopt": page(rule(SECRETARY_AND_ADMIN, ok=REDIRECT), pk="budget"),
    "finance:budget_supersede": page(rule(SECRETARY_AND_ADMIN), pk="budget"),
    "finance:revision_opening_balance": page(rule(SECRETARY_AND_ADMIN, ok=REDIRECT), pk="budget"),
    "finance:revision_create": page(
        METHOD_REFUSED, rule(SECRETARY_AND_ADMIN, ok=REDIRECT), pk="budget"
    ),
    "finance:revision_compare": page(rule(), pk="budget"),
    "audit:log": page(rule(ADMIN_ONLY)),
    "audit:export": page(rule(ADMIN_ONLY)),
    # Django admin's own login page shows everyone its form (signed-in people who are not
    # operators are told they lack the rights); its logout sends them back to the admin.
    "admin:login": page(EVERYONE),
    "admin:logout": page(rule(ok=REDIRECT)),
    # Two-factor sign-in (accounts): each user's own pages; OIDC is off unless configured.
    "accounts:overview": page(rule(), METHOD_REFUSED),
    "accounts:verify": page(rule(ok=REDIRECT)),
    "accounts:enrol": page(rule()),
    # New recovery codes for whoever has an app (the roles that must use two factors here);
    # without one, back to the overview with a message.
    "accounts:recovery_codes": page(
        METHOD_REFUSED, rule(ok=REDIRECT, **{role: OK for role in TWO_FACTOR_KEYWORDS})
    ),
    "accounts:reset": page(METHOD_REFUSED, rule(ADMIN_ONLY, ok=REDIRECT), user_id="member_user"),
    "accounts:oidc_start": page(rule(ok=MISSING, anonymous=MISSING)),
    "accounts:oidc_callback": page(rule(ok=MISSING, anonymous=MISSING)),
    # A login with no person in the register (the outsider, the demo's administrator) has no
    # data to export: 404.
    "accounts:my_data": page(rule(outsider=MISSING, administrator=MISSING), METHOD_REFUSED),
    # GDPR: the administrators' export and erasure of a person.
    "groups:person_data_export": page(rule(ADMIN_ONLY), pk="person"),
    # The world's person cannot be erased now (portal.gdpr's checks): the refusal is on the page.
    "groups:person_erase": page(rule(ADMIN_ONLY), pk="person"),
    "search:results": page(rule()),
    # Calendars: the page and the feeds' secret address are each user's own; the feeds answer
    # whoever has the address (calendar programs cannot log in), a wrong one 404.
    "calendars:page": page(rule()),
    "calendars:token_create": page(METHOD_REFUSED, rule(ok=REDIRECT)),
    "calendars:token_revoke": page(METHOD_REFUSED, rule(ok=REDIRECT)),
    "calendars:meeting_ics": page(rule(IN_GROUP), METHOD_REFUSED, meeting_id="meeting"),
    "calendars:personal_feed": page(EVERYONE, PUBLIC_REFUSED, token="calendar_token"),
    "calendars:group_feed": page(
        EVERYONE, PUBLIC_REFUSED, token="calendar_token", group_id="group"
    ),
    # The public register: no login.
    "public:register": page(EVERYONE, PUBLIC_REFUSED),
    "public:decision": page(EVERYONE, PUBLIC_REFUSED, pk="public_decision"),
    "public:decision_pdf": page(EVERYONE, PUBLIC_REFUSED, pk="public_decision"),
    "public:minutes": page(EVERYONE, PUBLIC_REFUSED, pk="public_minutes"),
    "public:minutes_pdf": page(EVERYONE, PUBLIC_REFUSED, pk="public_minutes"),
    "public:commission": page(EVERYONE, PUBLIC_REFUSED, pk="public_commission"),
    "public:commission_pdf": page(EVERYONE, PUBLIC_REFUSED, pk="public_commission"),
    "open_data:archive": page(EVERYONE, PUBLIC_REFUSED),
    # Notifications: the outbox is the administrators'; kallelse, "Utdrag till" and dispatch
    # are the managers' of the meeting's or decision's group; e-mail choices everyone's own.
    "notifications:outbox": page(rule(ADMIN_ONLY)),
    "notifications:message_resend": page(
        METHOD_REFUSED, rule(ADMIN_ONLY, ok=REDIRECT), pk="outbox_message"
    ),
    "notifications:preferences": page(rule(), rule(ok=REDIRECT)),
    "notifications:meeting_notice": page(rule(MANAGERS), pk="meeting"),
    "notifications:decision_recipients": page(rule(MANAGERS), pk="decision"),
    "notifications:decision_recipient_remove": page(
        METHOD_REFUSED, rule(MANAGERS, ok=REDIRECT), pk="decision_recipient"
    ),
    "notifications:decision_dispatch": page(rule(MANAGERS), pk="decision"),
}


# The notice board (anslagstavla): public, read only.
TABLE |= {
    "noticeboard:board": page(EVERYONE, PUBLIC_REFUSED),
    "noticeboard:archive": page(EVERYONE, PUBLIC_REFUSED),
    "noticeboard:feed": page(EVERYONE, PUBLIC_REFUSED),
    "noticeboard:notice": page(EVERYONE, PUBLIC_REFUSED, minutes_id="public_minutes"),
}
# The OParl API: public JSON, read only (a POST answers 405 in JSON); each object's URL names
# one published row of its kind (tests/crawl/matrix_world.py).
OPARL_OBJECTS = (
    "organization",
    "region",
    "person",
    "membership",
    "meeting",
    "agendaitem",
    "paper_decision",
    "paper_commission",
    "consultation",
    "file",
    "file_minutes",
    "file_extract",
    "file_commission",
)
OPARL_BODY_LISTS = (
    "legislativeterms",
    "organizations",
    "people",
    "memberships",
    "meetings",
    "papers",
    "agendaitems",
    "consultations",
    "files",
)
OPARL_READ = page(EVERYONE, PUBLIC_REFUSED)
TABLE |= {
    "oparl:system": OPARL_READ,
    "oparl:body_list": OPARL_READ,
    "oparl:body": replace(OPARL_READ, arguments={"pk": "oparl_body"}),
    "oparl:legislativeterm": replace(
        OPARL_READ, arguments={"pk": "oparl_body", "start": "oparl_term_start"}
    ),
    "oparl:location": replace(OPARL_READ, arguments={"pk": "oparl_location"}),
    "oparl:file_access": replace(OPARL_READ, arguments={"pk": "oparl_file"}),
    "oparl:file_download": replace(OPARL_READ, arguments={"pk": "oparl_file"}),
    **{
        f"oparl:body_{name}": replace(OPARL_READ, arguments={"pk": "oparl_body"})
        for name in OPARL_BODY_LISTS
    },
    **{
        f"oparl:{key}": replace(OPARL_READ, arguments={"pk": f"oparl_{key}"})
        for key in OPARL_OBJECTS
    },
}


@dataclass(frozen=True)
class Family:
    """A rule for every pattern in a namespace (or under a route prefix) with no own entry."""

    description: str
    matches: Callable[[object], bool]
    entry: Entry


# Django admin: only superusers; everyone else, the portal's administrators included, is
# sent to its login page. Ids in admin URLs are fixed: the refusal comes before the lookup.
ADMIN_VALUES = {
    "object_id": "1",
    "pk": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "groups",
    "url": "finns-inte/",
    "object_pk": "1",
    "user_id": "1",
    "group_id": "1",
}
FAMILIES: list[Family] = [
    Family(
        "Django admin (/admin/): bara driftens superanvändare; alla andra skickas till dess "
        "inloggning",
        lambda pattern: pattern.namespace == "admin" or pattern.route.startswith("admin/"),
        Entry(get=rule(ok=LOGIN), post=rule(ok=LOGIN), values=ADMIN_VALUES),
    ),
    Family(
        "OParl-API:t, varje annan adress under /oparl/v1/: ett OParl-fel 404 i JSON (POST 405)",
        lambda pattern: pattern.route == "oparl/v1/<path:rest>",
        Entry(
            get=rule(ok=MISSING, anonymous=MISSING),
            post=PUBLIC_REFUSED,
            values={"rest": "finns-inte/1/"},
        ),
    ),
]


def entry_for(pattern) -> Entry | None:
    if pattern.key in TABLE:
        return TABLE[pattern.key]
    for family in FAMILIES:
        if family.matches(pattern):
            return family.entry
    return None


def url_for(pattern, entry: Entry, ids: Mapping[str, object]) -> str:
    values = {name: str(ids[kind]) for name, kind in entry.arguments.items()}
    values |= {name: value for name, value in entry.values.items() if name in pattern.arguments}
    missing = set(pattern.arguments) - set(values)
    assert not missing, f"{pattern.key}: no value for the URL arguments {sorted(missing)}"
    if pattern.positional:  # Django admin's add-ons: any id, the refusal comes first
        return reverse(pattern.key, args=[ADMIN_VALUES["id"]] * pattern.positional)
    if pattern.name:
        return reverse(pattern.key, kwargs=values)
    # Unnamed patterns (Django admin's): fill the route's converters or regex groups.
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], pattern.route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], route)
    return "/" + route.replace("^", "").replace("$", "")


DOC_START = "<!-- permission-matrix:start -->"
DOC_END = "<!-- permission-matrix:end -->"


def _cell(entry: Entry, role: str) -> str:
    return f"{entry.get[role]} / {entry.post[role]}"


def markdown_tables() -> str:
    """The roles and the table, as docs/security.md shows them between DOC_START and DOC_END."""
    from tests.crawl.matrix_world import ROLE_DESCRIPTIONS

    lines = [
        DOC_START,
        "",
        "| Role | Who |",
        "|---|---|",
        *(f"| `{role}` | {ROLE_DESCRIPTIONS[role]} |" for role in ROLES),
        "",
        "Each cell is GET / empty POST: `200` the page, `302` done and sent on, `login` sent to a "
        "login page, `403` refused, `404` not found, `405` method not allowed.",
        "",
        "| URL name | " + " | ".join(f"`{role}`" for role in ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    for key in sorted(TABLE):
        entry = TABLE[key]
        lines.append(f"| `{key}` | " + " | ".join(_cell(entry, role) for role in ROLES) + " |")
    for family in FAMILIES:
        entry = family.entry
        lines.append(
            f"| {family.description} | " + " | ".join(_cell(entry, role) for role in ROLES) + " |"
        )
    lines += ["", DOC_END]
    return "\n".join(lines)
