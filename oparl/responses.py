"""JSON responses of the OParl API: UTF-8 without BOM, open to every origin (OParl 1.1, 2.6),
errors as OParl's Error object (2.9)."""

from __future__ import annotations

from django.http import JsonResponse

ERROR_TYPE = "https://schema.oparl.org/1.1/Error"
CONTENT_TYPE = "application/json; charset=utf-8"


def oparl_json(data: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )
    return with_cors(response)


def oparl_error(message: str, *, status: int, debug: str = "") -> JsonResponse:
    body = {"type": ERROR_TYPE, "message": message}
    if debug:
        body["debug"] = debug
    return oparl_json(body, status=status)


def with_cors(response):
    # GET from any origin; nothing here needs credentials, so "*" is safe.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    return response
