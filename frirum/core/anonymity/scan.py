"""Every stored free text and code, run through the current guard (reads only)."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q

from frirum.lib.anonymity import code_kind, find_identifiers


@dataclass(frozen=True)
class Scanned:
    """One model's free-text and code fields, and the path to its site."""

    model: str  # app_label.ModelName
    site: str  # lookup path to the site
    texts: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()


SCANNED = (
    Scanned("people.Youth", "registered_at_site", texts=("nickname",), codes=("code",)),
    Scanned("contacts.Contact", "site", texts=("note",), codes=("code",)),
    Scanned("contacts.Outreach", "site", texts=("note",), codes=("code",)),
    Scanned("contacts.GroupSession", "site", texts=("title",)),
    Scanned("family.FamilyGroup", "site", texts=("label",), codes=("code",)),
    Scanned("family.Relative", "registered_at_site", texts=("label",), codes=("code",)),
    Scanned("family.FamilyConversation", "site", texts=("note",), codes=("code",)),
    Scanned("family.RelativeInquiry", "site", codes=("code",)),
)
SCANNED_BY_MODEL = {spec.model: spec for spec in SCANNED}


@dataclass(frozen=True)
class ScanFinding:
    site_code: str  # "" for a record without a site
    kind: str
    model: str
    record_id: int
    field: str
    rule: str


def scan(site_ids: set[int] | None = None, chunk_size: int = 2000) -> Iterator[ScanFinding]:
    """What the guard would now refuse, record by record; site_ids=None means every site.

    Texts are read in chunks and never leave this function: a finding names the record,
    the field and the rule, not the text.
    """
    for spec in SCANNED:
        model = apps.get_model(spec.model)
        site_code = f"{spec.site}__code"
        fields = spec.texts + spec.codes
        rows = model.objects.all()
        if site_ids is not None:
            rows = rows.filter(**{f"{spec.site}_id__in": site_ids})
        if not spec.codes:
            nonempty = Q()
            for name in spec.texts:
                nonempty |= ~Q(**{name: ""})
            rows = rows.filter(nonempty)
        rows = rows.order_by("id").values_list("id", site_code, *fields)
        for record_id, code, *values in rows.iterator(chunk_size=chunk_size):
            for name, value in zip(fields, values, strict=True):
                if not value:
                    continue
                if name in spec.codes:
                    kind = code_kind(value)
                    rule = f"code.{kind}" if kind else ""
                else:
                    found = find_identifiers(value)
                    kind, rule = (found[0].kind, found[0].rule) if found else ("", "")
                if kind:
                    yield ScanFinding(code or "", kind, spec.model, record_id, name, rule)
