"""The public register (offentliga handlingar) at /offentligt/: no login, cacheable, nothing
but published documents (public.selectors), every free text masked and every confidential
part withheld. Each response carries an ETag; a conditional GET that matches gets 304."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.http import require_safe

from portal.downloads import content_disposition
from portal.pdf import html_to_pdf
from public import register
from public.forms import RegisterFilterForm
from public.selectors import public_text

MAX_AGE = 300  # seconds a cache may keep a page before asking again


def public_page(view):
    """No login, GET/HEAD only, every personnummer in the page masked (a second line of
    defence behind the selectors), an ETag and a 304 for a matching conditional GET."""

    @login_not_required
    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if response["Content-Type"].startswith("text/html"):
            response.content = public_text(response.content.decode()).encode()
            set_response_etag(response)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    return wrapped


@public_page
def register_index(request):
    choices = register.filter_choices()
    form = RegisterFilterForm(request.GET, **choices)
    filters = form.filters()
    listing = register.register_page(filters, request.GET.get("page"), request.GET)
    return render(
        request,
        "public/register.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": listing.page,
            "entries": listing.entries,
            "sort": listing.sort,
            "ranked_among": listing.ranked_among,
            "public_section": "register",
        },
    )


def _document(request, found, template: str, name: str):
    """A document's page, or 404 when it is not published (the selector returned None)."""
    if found is None:
        raise Http404
    return render(request, template, {name: found})


@public_page
def decision_page(request, pk: int):
    return _document(request, register.public_decision(pk), "public/decision.html", "decision")


@public_page
def minutes_page(request, pk: int):
    return _document(request, register.public_minutes(pk), "public/minutes.html", "minutes")


@public_page
def commission_page(request, pk: int):
    commission = register.public_commission(pk)
    return _document(request, commission, "public/commission.html", "commission")


def _pdf(request, html: str, info, filename: str) -> HttpResponse:
    """The PDF of the public HTML; its ETag is the HTML's, so a matching conditional GET is
    answered without rendering the PDF."""
    etag = f'"{hashlib.sha256(html.encode()).hexdigest()[:32]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(html_to_pdf(html, info), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=True)
    response["ETag"] = etag
    return response


def _published_pdf(request, document):
    if document is None:
        raise Http404
    return _pdf(request, *document)


@public_page
def decision_pdf(request, pk: int):
    return _published_pdf(request, register.decision_document(pk))


@public_page
def minutes_pdf(request, pk: int):
    return _published_pdf(request, register.minutes_document(pk))


@public_page
def commission_pdf(request, pk: int):
    return _published_pdf(request, register.commission_document(pk))
