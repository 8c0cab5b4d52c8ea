"""Governance demo data, one module per subject (commissions, meetings and decisions)."""

from importlib import import_module

PARTS = ["governance.demo.decisions", "governance.demo.commissions"]


def load() -> int:
    created = 0
    for name in PARTS:
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        created += module.load()
    return created
