"""The read-only HSDS 3 API for partners (municipalities, other helplines): published
directory entries only, JSON, paged like HSDS's own API (its `Page` object). Public, since
the directory describes public services and holds nothing about young people; it answers
GET only. The OpenAPI description is at /api/hsds/openapi.json."""

import math

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from frirum.directory.hsds_export import (
    export_services,
    location_object,
    taxonomy_term_objects,
)
from frirum.directory.models import Service, ServiceAtLocation
from frirum.directory.openapi import OPENAPI, PER_PAGE_DEFAULT, PER_PAGE_MAX
from frirum.lib.params import parse_int

MAX_PAGE = 1_000_000


class BadParameter(Exception):
    pass


def _paging(request: HttpRequest) -> tuple[int, int]:
    def read(name, default, maximum):
        raw = request.GET.get(name)
        if raw is None:
            return default
        value = parse_int(raw, minimum=1, maximum=maximum)
        if value is None:
            raise BadParameter(f"{name} must be a whole number from 1 to {maximum}")
        return value

    return read("page", 1, MAX_PAGE), read("per_page", PER_PAGE_DEFAULT, PER_PAGE_MAX)


def _page(request: HttpRequest, total: int, fetch) -> JsonResponse:
    try:
        number, size = _paging(request)
    except BadParameter as error:
        return JsonResponse({"error": str(error)}, status=400)
    offset = (number - 1) * size
    contents = fetch(offset, size) if offset < total else []
    pages = max(1, math.ceil(total / size))
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": total == 0,
            "contents": contents,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _published():
    return Service.objects.published()


@require_GET
def services(request: HttpRequest) -> JsonResponse:
    queryset = _published().order_by("uid")
    return _page(
        request,
        queryset.count(),
        lambda offset, size: export_services(queryset[offset : offset + size]),
    )


@require_GET
def service_detail(request: HttpRequest, uid) -> JsonResponse:
    found = export_services(_published().filter(uid=uid))
    if not found:
        raise Http404
    return JsonResponse(found[0], json_dumps_params={"ensure_ascii": False})


@require_GET
def service_at_locations(request: HttpRequest) -> JsonResponse:
    queryset = (
        ServiceAtLocation.objects.filter(service__is_published=True)
        .select_related("service", "location", "location__municipality", "location__organization")
        .order_by("uid")
    )

    def fetch(offset, size):
        return [
            {
                "id": str(sal.uid),
                "service_id": str(sal.service.uid),
                "location_id": str(sal.location.uid),
                "location": location_object(sal),
            }
            for sal in queryset[offset : offset + size]
        ]

    return _page(request, queryset.count(), fetch)


@require_GET
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    terms = taxonomy_term_objects()
    return _page(request, len(terms), lambda offset, size: terms[offset : offset + size])


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OPENAPI)
