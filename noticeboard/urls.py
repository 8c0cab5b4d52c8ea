from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.decorators.http import require_safe

from noticeboard.feeds import NoticeFeed
from noticeboard.views import board

app_name = "noticeboard"

urlpatterns = [
    path("", board.board, name="board"),
    path("arkiv/", board.archive, name="archive"),
    path("flode.atom", login_not_required(require_safe(NoticeFeed())), name="feed"),
    path("<int:minutes_id>/", board.notice_detail, name="notice"),
]
