"""`python manage.py backup DIR`: the database (pg_dump custom format), the uploaded files and a
manifest to check a restore against, all from one snapshot. See docs/operations.md."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal import backup


class Command(BaseCommand):
    help = (
        "Säkerhetskopiera databasen (pg_dump, eget format), uppladdade filer och en manifestfil "
        "till en tom katalog, allt från samma ögonblicksbild."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Tom katalog (skapas om den saknas).")
        parser.add_argument(
            "--pg-dump", default="pg_dump", help="pg_dump att köra (samma version som servern)."
        )

    def handle(self, *args, directory, pg_dump, **options):
        try:
            result = backup.backup(Path(directory), pg_dump=pg_dump)
        except (ValueError, FileExistsError) as error:
            raise CommandError(str(error)) from error
        except subprocess.CalledProcessError as error:
            raise CommandError(f"pg_dump misslyckades: {error.stderr.strip()}") from error
        rows = sum(table["rows"] for table in result["tables"].values())
        missing = [name for name, digest in result["files"].items() if digest is None]
        self.stdout.write(
            f"Säkerhetskopia i {directory}: {len(result['tables'])} tabeller, {rows} rader, "
            f"{len(result['files']) - len(missing)} filer."
        )
        for name in missing:
            self.stderr.write(f"Filen {name} saknas i lagringen och är inte med i kopian.")
