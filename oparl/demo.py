"""The demo's open-data archive, so /oppna-data/ answers from the start. Runs last in
load_demo: the archive holds what the other apps' demo data published."""

from django.conf import settings

from oparl.open_data import open_data_export


def load() -> int:
    open_data_export(base_url=settings.PORTAL_BASE_URL)
    return 0  # a file, no objects
