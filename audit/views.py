from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import selectors
from audit.exporting import audit_csv
from audit.forms import AuditFilterForm
from portal import events
from portal.access import require_administrator

PER_PAGE = 50
EXPORT_LIMIT = 10_000


def audit_log(request):
    require_administrator(request.user)
    form = AuditFilterForm(request.GET or None)
    page = selectors.audit_log(
        form.filters(), cursor=request.GET.get("efter", ""), per_page=PER_PAGE
    )
    query = request.GET.copy()
    query.pop("efter", None)
    return render(
        request,
        "audit/log.html",
        {
            "filter_form": form,
            "page": page,
            "filter_query": query.urlencode(),
            "export_limit": EXPORT_LIMIT,
        },
    )


def audit_export(request):
    """The log as filtered on the page, newest first, at most EXPORT_LIMIT rows."""
    require_administrator(request.user)
    form = AuditFilterForm(request.GET or None)
    rows = selectors.audit_rows(form.filters(), limit=EXPORT_LIMIT)
    filename = f"granskningslogg-{timezone.localdate().isoformat()}.csv"
    events.record_event(
        events.EXPORT,
        request=request,
        detail=_("Granskningsloggen (%(count)s rader): %(filename)s")
        % {"count": len(rows), "filename": filename},
    )
    response = HttpResponse(audit_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
