"""Demo calendar address of the convener (login "sammankallande"): the feed lists the
meetings of RAG Barnonkologi och hematologi. Idempotent."""

from django.contrib.auth import get_user_model

from calendars.selectors import token_in_use
from calendars.services import calendar_token_create

CONVENER = "sammankallande"


def load() -> int:
    user = get_user_model().objects.filter(username=CONVENER).first()
    if user is None or token_in_use(user) is not None:
        return 0
    calendar_token_create(actor=user)
    return 1
