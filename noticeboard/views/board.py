"""The public notice board (anslagstavla): open to everyone, no login, read only (a POST
answers 405)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from noticeboard import selectors


@login_not_required
@require_safe
def board(request):
    return render(request, "noticeboard/board.html", {"notices": selectors.current_notices()})


@login_not_required
@require_safe
def archive(request):
    sort = selectors.archive_sort(request.GET)
    page_obj = selectors.archived_notices(page=request.GET.get("page"), sort=sort)
    return render(request, "noticeboard/archive.html", {"page_obj": page_obj, "sort": sort})


@login_not_required
@require_safe
def notice_detail(request, minutes_id: int):
    notice = selectors.notice_by_minutes(minutes_id)
    if notice is None:
        raise Http404
    return render(request, "noticeboard/notice_detail.html", {"notice": notice})
