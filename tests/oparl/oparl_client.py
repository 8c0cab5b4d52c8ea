"""A small OParl 1.1 client for the tests: it walks the API from the System object, follows
every external list and its links.next, validates every object (listed and embedded) against
the vendored OParl 1.1 schemas, and keeps every object by id so the caller can check that
each id serves it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft7Validator, FormatChecker

SCHEMA_DIR = Path(__file__).parent / "schema"
SCHEMAS = {path.stem: json.loads(path.read_text()) for path in SCHEMA_DIR.glob("*.json")}
# URL-valued properties that name no OParl object.
NOT_OBJECTS = {
    "id",
    "web",
    "website",
    "license",
    "fileLicense",
    "accessUrl",
    "downloadUrl",
    "externalServiceUrl",
    "vendor",
    "product",
    "oparlVersion",
    "otherOparlVersions",
    "equivalent",
}
FILE_URLS = ("accessUrl", "downloadUrl")

formats = FormatChecker()


@formats.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@formats.checks("date")
def _is_date(value) -> bool:
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


@formats.checks("date-time")
def _is_date_time(value) -> bool:
    # OParl's form: yyyy-mm-ddThh:mm:ss±hh:mm
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", value) is not None


def validate(obj: dict, schema_name: str) -> None:
    schema = SCHEMAS[schema_name]
    if obj.get("deleted"):
        # A deleted object keeps id, type, created and modified; the rest may go (2.8).
        schema = {**schema, "required": ["id", "type", "created", "modified"]}
    Draft7Validator(schema, format_checker=formats).validate(obj)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Walk:
    def __init__(self, client):
        self.client = client
        self.objects: dict[str, dict] = {}  # id -> object as seen in a list or embedded
        self.references: dict[str, str | None] = {}  # url -> the type it must serve
        self.lists: set[str] = set()
        self.file_urls: set[str] = set()
        self.requests = 0

    def get(self, url: str):
        response = self.client.get(path_of(url))
        self.requests += 1
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        assert response["Content-Type"] == "application/json; charset=utf-8", url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert not response.content.startswith(b"\xef\xbb\xbf"), "JSON without BOM"
        return response.json()

    def run(self, system_url: str) -> Walk:
        system = self.get(system_url)
        self.take(system, "System")
        pending = sorted(self.lists)
        done: set[str] = set()
        while pending:
            url = pending.pop()
            if url in done:
                continue
            done.add(url)
            self.walk_list(url)
            pending.extend(sorted(self.lists - done))
        return self

    def walk_list(self, url: str) -> None:
        seen_pages = set()
        while url:
            assert url not in seen_pages, f"links.next loops at {url}"
            seen_pages.add(url)
            page = self.get(url)
            assert set(page) >= {"data", "pagination", "links"}, url
            for obj in page["data"]:
                self.take(obj, obj["type"].rsplit("/", 1)[1])
            url = page["links"].get("next")

    def take(self, obj: dict, schema_name: str) -> None:
        validate(obj, schema_name)
        assert obj["type"] == f"https://schema.oparl.org/1.1/{schema_name}"
        if obj["id"] in self.objects:
            assert self.objects[obj["id"]] == obj, f"{obj['id']} differs where it appears twice"
        self.objects[obj["id"]] = obj
        properties = SCHEMAS[schema_name]["properties"]
        for name, value in obj.items():
            spec = properties.get(name, {})
            embedded = spec.get("schema") or spec.get("items", {}).get("schema")
            if embedded and spec.get("type") == "string":
                self.lists.add(value)  # an external list
            elif embedded:
                for inner in value if isinstance(value, list) else [value]:
                    self.take(inner, embedded.removesuffix(".json"))
            elif name in FILE_URLS:
                self.file_urls.add(value)
            elif name not in NOT_OBJECTS and spec.get("format") == "url":
                self.references.setdefault(value, spec.get("references"))
            elif name not in NOT_OBJECTS and spec.get("items", {}).get("format") == "url":
                for url in value:
                    self.references.setdefault(url, spec.get("references"))
