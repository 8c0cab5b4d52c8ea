"""`generate(scale, seed)`: the whole data set, on top of the demo data (load_demo), in one
transaction. Deterministic for a seed on a database holding the same demo data."""

from __future__ import annotations

import gc
import io
import random
import time

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from groups.models import Person
from groups.services import group_permissions_sync
from scale import commissions, finance, meetings, organisation
from scale.context import REASON, Context
from scale.dispatches import generate_dispatches
from scale.sizes import Scale
from scale.writer import RowWriter, foreign_key_orphans

DEMO_LOGINS = ["sammankallande", "sekreterare", "justerare", "ledamot"]


def generate(scale: Scale, seed: int, *, log=print) -> dict[str, int]:
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    call_command("ensure_demo_admin", stdout=io.StringIO())
    # Millions of small tuples and dicts, none of them in a cycle: the cyclic collector would
    # walk the growing heap again and again for nothing (a sixth of the time at region scale).
    gc.disable()
    try:
        return _generate(scale, seed, log=log, started=started)
    finally:
        gc.enable()


def _generate(scale: Scale, seed: int, *, log, started: float) -> dict[str, int]:
    with transaction.atomic():
        checks_off = _foreign_key_triggers_off()
        ctx = _context(scale, seed)
        steps = [
            ("organisation", lambda: organisation.generate(ctx)),
            ("uppdrag (plan)", lambda: ctx.__setattr__("planned", commissions.plan(ctx))),
            ("möten och beslut", lambda: meetings.generate(ctx)),
            ("uppdrag", lambda: commissions.write(ctx, ctx.planned)),
            ("budgetar", lambda: finance.generate(ctx)),
        ]
        for name, step in steps:
            step()
            ctx.writer.flush()
            log(f"{name}: klart efter {time.perf_counter() - started:.1f} s")
        log(generate_dispatches(ctx))
        ctx.writer.close()
        if checks_off:
            orphans = foreign_key_orphans(ctx.writer.tables)
            if orphans:
                raise CommandError(f"Främmande nycklar utan mål: {', '.join(orphans)}")
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = origin")
            log(f"främmande nycklar kontrollerade: {time.perf_counter() - started:.1f} s")
        group_permissions_sync()
    counts = ctx.writer.counts()
    log(f"klart på {time.perf_counter() - started:.1f} s")
    return counts


def _foreign_key_triggers_off() -> bool:
    """On PostgreSQL, as a superuser: no per-row foreign-key triggers during the load (they
    would check a few million rows one by one at commit); `foreign_key_orphans` checks every
    key in bulk before the commit instead. Unique, check and exclusion constraints stay on."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False
    return True


def _context(scale: Scale, seed: int) -> Context:
    users = get_user_model().objects.filter(username__in=["admin", *DEMO_LOGINS])
    by_name = {u.username: u.pk for u in users}
    person_users = dict(Person.objects.filter(user__isnull=False).values_list("pk", "user_id"))
    person_of = {user_id: person_id for person_id, user_id in person_users.items()}
    logins = {
        name: (by_name[name], person_of[by_name[name]])
        for name in DEMO_LOGINS
        if by_name.get(name) in person_of
    }
    return Context(
        scale=scale,
        seed=seed,
        rng=random.Random(seed),
        writer=RowWriter(reason=REASON),
        admin_user_id=by_name.get("admin"),
        logins=logins,
        person_users=person_users,
    )
