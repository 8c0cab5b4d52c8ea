"""Load every app's demo data in dependency order. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data exposes demo.load() -> number of objects created.
# oparl.demo last: its open-data archive holds what the others published.
DEMO_MODULES = [
    "groups.demo",
    "governance.demo",
    "finance.demo",
    "noticeboard.demo",
    "calendars.demo",
    "notifications.demo",
    "public.demo",
    "oparl.demo",
]


class Command(BaseCommand):
    help = "Läs in demodata från källdokumenten (Södra, Sydöstra och Norra sjukvårdsregionen)."

    def handle(self, *args, **options):
        created = 0
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                count = module.load()
                created += count
                if options["verbosity"] > 1:
                    self.stdout.write(f"{name}: {count} nya objekt")
        if not options["verbosity"]:
            return
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demodata inläst: {created} nya objekt."))
        else:
            self.stdout.write("Demodata: inga ändringar (allt fanns redan).")
