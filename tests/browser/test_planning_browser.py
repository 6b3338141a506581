"""The planning pages in a browser: coverage, a scenario made through its form, the memo; each
passes axe (WCAG 2.1 AA), and a municipality viewer reads only its own scenario."""

import subprocess

import pytest
from django.core.cache import cache
from django.urls import reverse

from frirum.accounts.models import MunicipalityViewer
from frirum.planning.defaults import load_defaults
from frirum.planning.models import Scenario
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible, login
from tests.browser.test_layout_browser import (
    SCREENSHOTS,
    WIDTHS,
    check_page,
    new_page,
    sign_in,
)

# The flush after a live-server test would take the seeded municipalities and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def network():
    load_defaults()  # the flush of an earlier live-server test may have taken the seeded rows
    ballerup = Municipality.objects.get(code="151")
    for code, total, young in (("151", 52_000, 8_000), ("183", 23_000, 3_900)):
        Municipality.objects.filter(code=code).update(
            population_total=total, population_12_25=young, population_year=2025
        )
    Site.objects.create(
        code="alpha", name="headspace Alpha", kind=SiteKind.CENTRE, municipality=ballerup
    )
    secretariat = make_user("sekretariat@example.org", "Sekretariatet", is_secretariat=True)
    viewer = make_user("kommune@ballerup.example.org", "Ballerup Kommune")
    MunicipalityViewer.objects.create(user=viewer, municipality=ballerup)
    return {"secretariat": secretariat, "viewer": viewer, "ballerup": ballerup}


def test_it_lets_the_secretariat_plan_a_satellite_and_read_the_memo(page, live_server, network):
    login(page, live_server, network["secretariat"].email, PASSWORD)
    page.goto(f"{live_server.url}/planning/coverage/")
    assert page.get_by_role("heading", name="Landsdækning", level=1).is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/planning/scenarios/new/")
    assert_accessible(page)
    page.select_option("#id_municipality", label="Ishøj (183)")
    page.fill("#id_placement", "Tæt på stationen.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="headspace Alpha").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Notatet").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Notat om etablering af headspace i Ishøj").is_visible()
    assert page.get_by_text("Tæt på stationen.").is_visible()
    assert_accessible(page)


def test_it_shows_a_municipality_only_its_own_scenario(page, live_server, network):
    own = Scenario.objects.create(municipality=network["ballerup"], start_year=2027)
    other = Scenario.objects.create(
        municipality=Municipality.objects.get(code="183"), start_year=2027
    )
    login(page, live_server, network["viewer"].email, PASSWORD)
    page.goto(f"{live_server.url}/planning/scenarios/{own.pk}/memo/")
    assert page.get_by_role(
        "heading", name="Notat om etablering af headspace i Ballerup"
    ).is_visible()
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/planning/scenarios/{other.pk}/memo/")
    assert response.status == 404


@pytest.fixture
def planned(network):
    """The network with a year of contacts at Alpha (so that the pages have figures) and a
    scenario for Ishøj."""
    import datetime as dt

    from tests.base import make_contact, make_youth

    alpha = Site.objects.get(code="alpha")
    ishoj = Municipality.objects.get(code="183")
    year = dt.date.today().year - 1
    for number in range(12):
        youth = make_youth(alpha, residence_municipality=ishoj if number < 3 else None)
        make_contact(alpha, youth, dt.date(year, 3, 1 + number))
    network["scenario"] = Scenario.objects.create(
        municipality=ishoj, start_year=year + 2, placement="Tæt på stationen."
    )
    return network


@pytest.mark.parametrize("width", WIDTHS)
def test_it_fits_the_planning_pages_at_every_width(browser, live_server, planned, width):
    """As tests/browser/test_layout_browser.py checks every main page: nothing wider than the
    screen (wide tables scroll within themselves), 16px input text, axe; screenshots to
    var/screenshots/planning-*.png."""
    page, refused = new_page(browser, width)
    sign_in(page, live_server, planned["secretariat"].email)
    pk = planned["scenario"].pk
    for name, path in (
        ("planning", reverse("planning:index")),
        ("planning-coverage", reverse("planning:coverage")),
        ("planning-scenario-new", reverse("planning:scenario_new")),
        ("planning-scenario", reverse("planning:scenario", args=[pk])),
        ("planning-scenario-edit", reverse("planning:scenario_edit", args=[pk])),
        ("planning-memo", reverse("planning:memo", args=[pk])),
        ("planning-templates", reverse("planning:templates")),
        ("planning-costs", reverse("planning:site_costs", args=["alpha"])),
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, response.status)
        check_page(page, width, name)
    if width == WIDTHS[0]:
        # The memo's PDF as pictures of its first pages, to look at beside the page's.
        pdf = page.request.get(
            f"{live_server.url}{reverse('planning:memo_download', args=[pk, 'pdf'])}"
        )
        assert pdf.headers["content-type"] == "application/pdf"
        (SCREENSHOTS / "planning-memo.pdf").write_bytes(pdf.body())
        subprocess.run(  # noqa: S603
            [
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "3",
                str(SCREENSHOTS / "planning-memo.pdf"),
                str(SCREENSHOTS / "planning-memo-pdf"),
            ],
            check=True,
        )
    page.context.close()
    assert not refused, refused
