from django.conf import settings
from django.core.management.base import BaseCommand

from oparl.open_data import open_data_export


class Command(BaseCommand):
    help = (
        "Regenerate the open-data archive (JSON Lines and CSV per OParl type, README, CC0) in "
        "the file storage; served at /oppna-data/. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_BASE_URL,
            help="The portal's public address, for the ids in the data (PORTAL_BASE_URL).",
        )

    def handle(self, *args, base_url, **options):
        archive = open_data_export(base_url=base_url)
        total = sum(archive.counts.values())
        self.stdout.write(f"{archive.name}: {archive.size} byte, {total} objekt")
        for name, count in archive.counts.items():
            self.stdout.write(f"  {name}: {count}")
