"""The OpenAPI 3.1 description of the read-only HSDS API (frirum/directory/api.py). The
objects in `contents` are HSDS 3 objects (Open Referral's service.json,
service_at_location.json and taxonomy_term.json); here only their keys that Frirum always
sends are spelled out, which is what the schemathesis test checks responses against."""

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 200

_UUID = {"type": "string", "format": "uuid"}
_STATUS = {"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]}


def _page_of(item: dict) -> dict:
    return {
        "type": "object",
        "required": [
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        ],
        "properties": {
            "total_items": {"type": "integer", "minimum": 0},
            "total_pages": {"type": "integer", "minimum": 1},
            "page_number": {"type": "integer", "minimum": 1},
            "size": {"type": "integer", "minimum": 0},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": item},
        },
    }


_SERVICE = {
    "type": "object",
    "description": "An HSDS 3 service, fully nested (Open Referral's service.json).",
    "required": ["id", "organization_id", "name", "status", "attributes"],
    "properties": {
        "id": _UUID,
        "organization_id": _UUID,
        "name": {"type": "string"},
        "status": _STATUS,
        "attributes": {"type": "array", "items": {"type": "object"}},
    },
}
_SERVICE_AT_LOCATION = {
    "type": "object",
    "description": "An HSDS 3 service_at_location with its location.",
    "required": ["id", "service_id", "location_id", "location"],
    "properties": {
        "id": _UUID,
        "service_id": _UUID,
        "location_id": _UUID,
        "location": {"type": "object"},
    },
}
_TERM = {
    "type": "object",
    "description": "An HSDS 3 taxonomy_term of one of Frirum's taxonomies.",
    "required": ["id", "code", "name", "description", "taxonomy"],
    "properties": {
        "id": _UUID,
        "code": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "taxonomy": {"type": "string"},
    },
}
_ERROR = {
    "description": "A query parameter is out of range",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error"],
                "properties": {"error": {"type": "string"}},
            }
        }
    },
}
_PAGING = [
    {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "Page number, from 1.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
    },
    {
        "name": "per_page",
        "in": "query",
        "required": False,
        "description": f"Items per page (default {PER_PAGE_DEFAULT}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX},
    },
]


def _list(summary: str, item: dict) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": _PAGING,
            "responses": {
                "200": {
                    "description": "One page",
                    "content": {"application/json": {"schema": _page_of(item)}},
                },
                "400": _ERROR,
            },
        }
    }


OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "Frirum directory of help (HSDS 3, read-only)",
        "version": "1.0",
        "description": "Published entries of Frirum's directory of help in Open Referral's "
        "Human Services Data Specification 3. Frirum's categories, needs, eligibility flags "
        "and keeping site are HSDS attributes with terms of the taxonomies frirum-destination, "
        "frirum-need, frirum-eligibility and frirum-kept-by; municipalities served are service "
        "areas with the URI urn:dk:kommune:<code>.",
    },
    "paths": {
        "/api/hsds/services": _list("Published services, fully nested", _SERVICE),
        "/api/hsds/services/{id}": {
            "get": {
                "summary": "One published service, fully nested",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": _UUID}],
                "responses": {
                    "200": {
                        "description": "The service",
                        "content": {"application/json": {"schema": _SERVICE}},
                    },
                    "404": {"description": "No published service with this id"},
                },
            }
        },
        "/api/hsds/service_at_locations": _list(
            "Where published services are given", _SERVICE_AT_LOCATION
        ),
        "/api/hsds/taxonomy_terms": _list("The terms of Frirum's taxonomies", _TERM),
    },
}
