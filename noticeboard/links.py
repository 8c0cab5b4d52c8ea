"""Where the public reads the announced minutes: the one hook between the notice board and the
public register (built at the same time in the app `public`, at /offentligt/)."""

from __future__ import annotations


def public_minutes_url(minutes) -> str:
    """The public page of approved minutes, or "" while there is none.

    The lead points this at the public register's minutes page when the two branches meet,
    e.g. ``return reverse("public:minutes_detail", args=[minutes.pk])``. Until then every
    notice says where the protokoll is kept, and that is all it can link to. It must cost no
    query (the notice board's selector has loaded the minutes and their meeting).
    """
    return ""
