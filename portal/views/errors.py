"""Swedish error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def server_error(request):
    # No context processors: whatever failed must not fail again while showing the error.
    return HttpResponseServerError(loader.get_template("500.html").render())
