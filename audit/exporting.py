"""The audit log as CSV: semicolon-separated, UTF-8 with BOM, no cell runs as a formula."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import safe_cell

COLUMNS = [
    _("Tid"),
    _("Användare"),
    _("Användarnamn"),
    _("Händelse"),
    _("Objekttyp"),
    _("Objekt-id"),
    _("Objekt"),
    _("Orsak eller uppgift"),
    _("IP-adress"),
]


def audit_csv(rows) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel on Swedish Windows reads UTF-8 only with a BOM
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(column) for column in COLUMNS])
    for row in rows:
        values = [
            timezone.localtime(row.when).strftime("%Y-%m-%d %H:%M:%S"),
            row.user_name,
            row.username,
            row.action_label,
            row.object_type_label,
            row.object_id,
            row.object_label,
            row.reason,
            row.ip_address,
        ]
        writer.writerow([safe_cell(value) for value in values])
    return buffer.getvalue().encode("utf-8")
