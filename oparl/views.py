"""The OParl 1.1 API: public, read-only JSON at /oparl/v1/. Each view reads through
`oparl.kinds` and `oparl.selectors` and answers with `oparl.responses`; unknown ids answer 404
and bad list parameters 400, both as OParl Error objects, never an HTML page."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from oparl import objects, selectors
from oparl.kinds import BODY_LISTS, KINDS
from oparl.lists import ListQueryError, Source, list_page, parse_list_query
from oparl.open_data import DOWNLOAD_NAME, open_data_file
from oparl.responses import oparl_error, oparl_json, with_cors
from oparl.urls_builder import Urls
from portal.storage import download_response


def api_view(view):
    """Public, GET only, JSON errors, CORS on every answer."""

    # Nothing here writes or reads a session: a POST is answered 405 in JSON, not refused
    # by the CSRF check with an HTML page.
    @csrf_exempt
    @login_not_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return with_cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            return method_not_allowed()
        try:
            return view(request, Urls(request.build_absolute_uri("/")), *args, **kwargs)
        except ListQueryError as error:
            return oparl_error(str(error), status=400)
        except Http404:
            return not_found_response()

    return wrapper


def method_not_allowed():
    response = oparl_error(_("API:et går bara att läsa (GET)."), status=405)
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def not_found_response():
    return oparl_error(_("Objektet finns inte."), status=404)


@api_view
def not_found(request, u, rest=""):
    raise Http404


@api_view
def system(request, u):
    created, modified = selectors.system_times()
    return oparl_json(objects.system(u, created=created, modified=modified))


@api_view
def body_list(request, u):
    query = parse_list_query(request.GET)
    today = timezone.localdate()
    page = list_page(
        [Source(selectors.bodies(), lambda row: objects.body(u, row, today=today))],
        query,
        url=u("body_list"),
    )
    if page is None:
        raise Http404
    return oparl_json(page)


def _body_or_404(pk: int):
    body = selectors.bodies().filter(pk=pk).first()
    if body is None:
        raise Http404
    return body


@api_view
def body(request, u, pk: int):
    return oparl_json(objects.body(u, _body_or_404(pk), today=timezone.localdate()))


@api_view
def body_objects(request, u, pk: int, list_name: str):
    body = _body_or_404(pk)
    query = parse_list_query(request.GET)
    kinds = BODY_LISTS[list_name]
    sources = [Source(kind.published(body), functools.partial(kind.serialize, u)) for kind in kinds]
    if query.modified_since is not None:
        # OParl 1.1: with modified_since, deleted objects are listed too (and only then).
        sources += [
            Source(kind.unpublished(body), functools.partial(kind.marker, u)) for kind in kinds
        ]
    page = list_page(sources, query, url=u(f"body_{list_name}", pk))
    if page is None:
        raise Http404
    return oparl_json(page)


@api_view
def body_legislative_terms(request, u, pk: int):
    """A handful of terms, on one page; the date filters apply like on every list."""
    body = _body_or_404(pk)
    query = parse_list_query(request.GET)
    data = [
        term
        for term in (
            objects.legislative_term(u, body, *span) for span in objects.terms(timezone.localdate())
        )
        if objects.within(term, query)
    ]
    url = u("body_legislativeterms", pk)
    return oparl_json(
        {
            "data": data,
            "pagination": {
                "totalElements": len(data),
                "elementsPerPage": max(len(data), 1),
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {"first": url, "self": url, "last": url},
        }
    )


@api_view
def legislative_term(request, u, pk: int, start: int):
    body = _body_or_404(pk)
    for span in objects.terms(timezone.localdate()):
        if span[0] == start:
            return oparl_json(objects.legislative_term(u, body, *span))
    raise Http404


@api_view
def detail(request, u, pk: int, kind_key: str):
    kind = KINDS[kind_key]
    row = kind.published(None).filter(pk=pk).first()
    if row is not None:
        return oparl_json(kind.serialize(u, row))
    gone = kind.unpublished(None).filter(pk=pk).first() or selectors.deleted_row(kind.model, pk)
    if gone is None:
        raise Http404
    return oparl_json(kind.marker(u, gone))


@api_view
def location(request, u, pk: int):
    """Where a published meeting was held (the place as written in the meeting)."""
    meeting = selectors.meetings().filter(pk=pk).exclude(place="").first()
    if meeting is None:
        raise Http404
    return oparl_json(objects.location(u, meeting))


@csrf_exempt
@login_not_required
def file_content(request, pk: int, download: bool):
    """A public attachment's file: inline at accessUrl, as a download at downloadUrl (OParl
    2.7). Never a confidential one: only files that public.selectors lets the public have.
    Read only like the rest of the API: any other method answers 405 in JSON."""
    if request.method not in ("GET", "HEAD"):
        return method_not_allowed()
    attachment = selectors.files().filter(pk=pk).first()
    if attachment is None:
        return not_found_response()
    return download_response(
        attachment.file,
        filename=attachment.original_name or f"bilaga-{attachment.pk}",
        content_type=attachment.mime_type or "application/octet-stream",
        as_attachment=download,
    )


@login_not_required
@require_safe
def open_data_archive(request):
    """The latest open-data archive (manage.py export_open_data), public."""
    stored = open_data_file()
    if stored is None:
        raise Http404(_("De öppna data har inte skapats ännu."))
    return with_cors(
        download_response(stored, filename=DOWNLOAD_NAME, content_type="application/zip")
    )
