from django.core.management.base import BaseCommand

from scale.generator import generate
from scale.sizes import SCALES


class Command(BaseCommand):
    help = (
        "Skapa testdata i nationell skala (grupper, personer, möten, beslut, protokoll, "
        "budgetar och historik) ovanpå demodatan. Samma frö ger samma data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        log = self.stdout.write if options["verbosity"] else (lambda text: None)
        counts = generate(SCALES[options["scale"]], options["seed"], log=log)
        if options["verbosity"]:
            for label, count in sorted(counts.items()):
                self.stdout.write(f"{label}: {count}")
