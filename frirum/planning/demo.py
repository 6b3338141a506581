"""The demo's planning data: illustrative population figures for all 98 municipalities
(marked so), the default templates and rules, the demo centres' actual costs and a ready
scenario for Ishøj, a municipality without a site (the 2017 memo's case)."""

import hashlib

from django.db import transaction

from frirum.planning.defaults import load_defaults
from frirum.planning.models import IllustrativePopulation, Scenario, SiteYearCost
from frirum.planning.population import fingerprint, illustrative_note
from frirum.sites.models import Municipality, Site, SiteKind

NOTE = (
    "Illustrative demo figures, not from Statistics Denmark: import the real ones with "
    "`frirum population`."
)
# Rounded orders of size for the large and the demo's municipalities; the rest are drawn
# from their code. None of it is an official figure.
KNOWN = {
    "101": 660_000,
    "751": 370_000,
    "461": 210_000,
    "851": 225_000,
    "151": 52_000,
    "190": 41_000,
    "175": 41_000,
    "161": 56_000,
    "165": 28_000,
    "183": 23_000,
    "825": 1_800,  # Læsø
}
DEMO_SCENARIO_PLACEMENT = (
    "Tæt på stationen og ungdomsuddannelserne, uden for skolens område og uden præg af en "
    "kommunal institution, med et fællesrum og et par små samtalerum."
)
DEMO_SCENARIO_ANCHORING = (
    "Forankres i Børn og Unge; den fremskudte medarbejder kommer fra ungeindsatsen og bygger "
    "bro til kommunens tilbud."
)


def _draw(code: str, low: int, high: int, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}:{code}".encode()).digest()
    return low + int.from_bytes(digest[:4], "big") % (high - low + 1)


def illustrative_population(code: str) -> tuple[int, int]:
    total = KNOWN.get(code) or _draw(code, 15_000, 95_000, "total")
    # Between 14 and 21 % of the inhabitants are 12-25 years old.
    young = round(total * _draw(code, 140, 210, "young") / 1000)
    return total, young


@transaction.atomic
def load_planning_demo(*, year: int, sites: dict[str, Site]) -> dict[str, int]:
    """`year` is the demo's running year; `sites` the demo sites by code."""
    load_defaults()
    municipalities = list(Municipality.objects.all())
    for municipality in municipalities:
        total, young = illustrative_population(municipality.code)
        municipality.population_total = total
        municipality.population_12_25 = young
        municipality.population_year = year
    Municipality.objects.bulk_update(
        municipalities, ["population_total", "population_12_25", "population_year"]
    )
    IllustrativePopulation.objects.all().delete()
    IllustrativePopulation.objects.create(fingerprint=fingerprint(), note=NOTE)
    costs = 0
    for site in sites.values():
        if site.kind == SiteKind.CENTRE:
            amount = 1_750_000 + _draw(site.code, 0, 150, "cost") * 1000
        elif site.kind == SiteKind.SATELLITE:
            amount = 620_000 + _draw(site.code, 0, 60, "cost") * 1000
        else:
            continue
        SiteYearCost.objects.update_or_create(site=site, year=year - 1, defaults={"amount": amount})
        costs += 1
    Scenario.objects.filter(created_by__isnull=True, municipality__code="183").delete()
    Scenario.objects.create(
        municipality=Municipality.objects.get(code="183"),
        start_year=year + 1,
        half_first_year=True,
        placement=DEMO_SCENARIO_PLACEMENT,
        anchoring=DEMO_SCENARIO_ANCHORING,
    )
    return {"municipalities_with_population": len(municipalities), "site_costs": costs}


def wipe_planning_demo() -> None:
    """The demo's scenario (the demo makes it without a creator) and its population mark;
    the sites' costs go with the sites."""
    Scenario.objects.filter(created_by__isnull=True, municipality__code="183").delete()
    if illustrative_note() is not None:
        # Still the demo's own figures (no real import since): they go with the demo.
        Municipality.objects.update(
            population_total=None, population_12_25=None, population_year=None
        )
    IllustrativePopulation.objects.all().delete()
