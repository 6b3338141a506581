"""Presented forms of a report: html, pdf, xlsx, csv (json is the figures themselves).

Every format reads one Presentation built from the figures, so rounding and suppression are
decided once. `render_report` is what the `frirum report` command and the download views call.
"""

import hashlib
import json
import threading
from collections import OrderedDict

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frirum.reports.disclosure.protect import decide_report, protect
from frirum.reports.render.definitions import FIGURE_NAMES, definitions
from frirum.reports.render.family import build_family_sections
from frirum.reports.render.labels import Labels
from frirum.reports.render.model import (
    Presentation,
    figure,
    has_data,
    period_label,
    same_day,
)
from frirum.reports.render.youth import build_youth_sections
from frirum.reports.suppression import default_k

KINDS = ("annual", "national", "family")
FORMATS = ("html", "pdf", "xlsx", "csv")


def build_presentation(
    *, kind: str, figures: dict, previous: dict | None, k: int | None = None, site=None
) -> Presentation:
    """The report as it is presented, in the active language, its cells hidden as the
    disclosure control decides. Each column gets the decisions of its own year's report, so
    the previous-year column hides exactly what last year's report hides."""
    k = k or default_k()
    previous_without_data = None
    if previous is not None and not has_data(previous):
        # A year without data is no year of zeros to compare with.
        previous_without_data, previous = int(figures.get("year")) - 1, None
    report = _unprotected(kind=kind, figures=figures, previous=previous, k=k, site=site)
    current = _decisions(kind, figures, k, report.site)
    before = _decisions(kind, previous, k, report.site) if previous is not None else None
    protect(report, current=current, previous=before)
    if previous is None:
        report.comparison = None
    report.has_data = has_data(figures)
    report.previous_without_data = previous_without_data
    return report


def national_decisions(figures: dict, *, k: int):
    """What the national report of the figures' year hides (for the trends page)."""
    return _decisions("national", figures, k, None)


# A year's decisions serve its own report and the next one's previous-year column, and the
# solver takes a second or two: they are kept in the shared cache (every server process sees
# them) under a digest of the figures they were made from, so they can never be stale, and a
# few dozen also in this process.
_DECISIONS: OrderedDict = OrderedDict()
_DECISIONS_KEPT = 64
_DECISIONS_LOCK = threading.Lock()
_DECISIONS_TIMEOUT = 60 * 60 * 24 * 30


def _decisions(kind: str, figures: dict, k: int, site):
    identity = json.dumps(
        [kind, k, site.pk if site else None, figures], sort_keys=True, default=str
    )
    key = "frirum:disclosure:" + hashlib.sha256(identity.encode()).hexdigest()
    with _DECISIONS_LOCK:
        if key in _DECISIONS:
            _DECISIONS.move_to_end(key)
            return _DECISIONS[key]
    decisions = cache.get(key)
    if decisions is None:
        # Built without a previous year, so the decisions depend on the year's figures alone.
        decisions = decide_report(_unprotected(kind, figures, None, k, site))
        cache.set(key, decisions, _DECISIONS_TIMEOUT)
    with _DECISIONS_LOCK:
        _DECISIONS[key] = decisions
        while len(_DECISIONS) > _DECISIONS_KEPT:
            _DECISIONS.popitem(last=False)
    return decisions


def _unprotected(kind: str, figures: dict, previous: dict | None, k: int, site) -> Presentation:
    if kind not in KINDS:
        raise ValueError(f"Unknown report kind: {kind}")
    year = int(figures.get("year"))
    until = _until(figures)
    years = [
        period_label(year, until, short=True),
        period_label(year - 1, same_day(until, year - 1), short=True),
    ]
    labels = Labels()
    site = site or _site(figures)
    builder = build_family_sections if kind == "family" else build_youth_sections
    options = {"figures": figures, "previous": previous, "labels": labels, "k": k, "years": years}
    if kind != "family":
        options["kind"] = kind
    highlights, comparison, sections = builder(**options)
    report = Presentation(
        kind=kind,
        title=_title(kind, year),
        subtitle=site.name if site else _("National"),
        year=year,
        previous_year=year - 1 if previous is not None else None,
        k=k,
        site=site,
        facts=_facts(kind, site, figures),
        highlights=highlights,
        # Kept for the disclosure decisions even without a previous year (a reader of the
        # next report sees it); build_presentation drops it then.
        comparison=comparison,
        sections=sections,
        definitions=_named_definitions(kind, comparison, sections),
        generated_on=timezone.localdate(),
        language=translation.get_language() or "da",
        scope=_scope(site, figures),
        municipality_code=_municipality_code(site, figures),
        until=until,
    )
    return report


def _named_definitions(kind: str, comparison, sections) -> list[tuple[str, str, str]]:
    """(name as the report shows it, figure name, definition): the appendix names each
    figure by its heading or row in the report, in the reader's language, not by its code."""
    names: dict[str, str] = {}
    tables = [*([comparison] if comparison else []), *(t for s in sections for t in s.tables)]
    for section in sections:
        names.setdefault(section.slug, str(section.title))
    for table in tables:
        names.setdefault(table.name, str(table.title))
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for name in (row.figure, row.key):
                if name and "." in name:
                    names.setdefault(name, str(row.label))
    names.update({name: str(label) for name, label in FIGURE_NAMES.items() if name not in names})
    shown = {section.slug for section in sections}
    # Sections a report may lack: their definitions go with them.
    optional = ("bookings", "volunteers")
    return [
        (names.get(name, name), name, text)
        for name, text in definitions(kind)
        if name.split(".")[0] not in optional or name.split(".")[0] in shown
    ]


def _until(figures: dict):
    """The last day of an unfinished year's figures (their "until"), else None."""
    import datetime

    until = figures.get("until")
    if not until:
        return None
    return until if isinstance(until, datetime.date) else datetime.date.fromisoformat(until)


def _scope(site, figures: dict) -> str:
    if site is not None:
        return site.code
    info = figures.get("site")
    return (info.get("code") if isinstance(info, dict) else info) or ""


def _municipality_code(site, figures: dict) -> str | None:
    if site is not None:
        return site.municipality.code if site.municipality_id else None
    for name in ("site_info", "site"):
        info = figures.get(name)
        if isinstance(info, dict) and info.get("municipality_code"):
            return info["municipality_code"]
    return None


def render_report(
    *, kind: str, figures: dict, previous: dict | None, fmt: str, language: str, k: int
) -> bytes:
    """The report in one presented format (html is the standalone print version)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format: {fmt}")
    with translation.override(language):
        report = build_presentation(kind=kind, figures=figures, previous=previous, k=k)
        if fmt == "html":
            from frirum.reports.render.html import render_standalone

            return render_standalone(report).encode("utf-8")
        if fmt == "pdf":
            from frirum.reports.render.pdf import render_pdf

            return render_pdf(report)
        if fmt == "xlsx":
            from frirum.reports.render.spreadsheet import render_xlsx

            return render_xlsx(report)
        from frirum.reports.render.csvfile import render_csv

        return render_csv(report)


def _title(kind: str, year: int) -> str:
    if kind == "annual":
        return _("Annual report %(year)s") % {"year": year}
    if kind == "national":
        return _("National report %(year)s") % {"year": year}
    return _("headspace Family report %(year)s") % {"year": year}


def _site(figures: dict):
    from frirum.sites.models import Site

    info = figures.get("site")
    code = info.get("code") if isinstance(info, dict) else info
    if not code:
        return None
    return (
        Site.objects.select_related("municipality", "hub")
        .prefetch_related("satellites", "opening_hours")
        .filter(code=code)
        .first()
    )


def _facts(kind: str, site, figures: dict) -> list[tuple[str, str]]:
    from django.utils.formats import date_format

    if site is None:
        scope = (
            _("headspace Family: every Family site and every conversation with a relative present")
            if kind == "family"
            else _("Every site that is not a chat site; the national chat counted separately")
        )
        facts = [(_("Scope"), scope)]
    else:
        facts = [(_("Site"), site.name), (_("Kind"), site.get_kind_display())]
        if site.municipality:
            facts.append((_("Municipality"), str(site.municipality)))
        if site.hub:
            facts.append((_("Hub"), site.hub.name))
        satellites = [satellite.name for satellite in site.satellites.all()]
        if satellites:
            facts.append((_("Satellites"), ", ".join(sorted(satellites))))
        if site.opened_on:
            facts.append((_("Opened"), date_format(site.opened_on, "DATE_FORMAT")))
        hours = [str(hours) for hours in site.opening_hours.all()]
        if hours:
            facts.append((_("Opening hours"), "; ".join(hours)))
    definitions_version = figure(figures, "meta.definitions")
    if definitions_version:
        facts.append((_("Definitions"), str(definitions_version)))
    return facts
