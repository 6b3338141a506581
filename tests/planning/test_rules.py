"""The scenario's rules and arithmetic on hand-made cases (pure functions, no database)."""

from decimal import Decimal

import pytest

from frirum.planning.scenario import (
    MIN_SITE_YEARS,
    HubOption,
    Line,
    SiteYear,
    budget,
    estimate,
    hub_candidates,
    per_unit,
    recommend_kind,
    rounded,
    spread,
)


def test_it_recommends_a_centre_from_40000_inhabitants():
    assert recommend_kind(40_000, 40_000) == "centre"
    assert recommend_kind(39_999, 40_000) == "satellite"
    assert recommend_kind(22_000, 40_000) == "satellite"  # Ishøj in the 2017 memo
    assert recommend_kind(None, 40_000) is None


def test_it_proposes_hubs_in_the_region_with_spare_capacity():
    centres = [
        HubOption("rodovre", "Rødovre", 1, satellites=2),  # "no capacity for more"
        HubOption("ballerup", "Ballerup", 1, satellites=1),
        HubOption("kbh", "København", 1, satellites=0),
        HubOption("aarhus", "Aarhus", 2, satellites=0),
    ]
    proposed = hub_candidates(centres, region_id=1, capacity=2)
    assert [hub.code for hub in proposed] == ["kbh", "ballerup"]
    assert hub_candidates(centres, region_id=1, capacity=1) == [centres[2]]
    assert hub_candidates(centres, region_id=3, capacity=2) == []
    assert centres[1].spare(2) == 1
    assert centres[0].spare(2) == 0


def test_it_computes_median_and_quartiles_as_by_hand():
    # Linear interpolation at (n-1)p: q1 at 0.75 -> 10 + 0.75 * 10, q3 at 2.25 -> 30 + 0.25 * 10.
    result = spread([40, 10, 30, 20])
    assert (result.n, result.median, result.q1, result.q3) == (4, 25, 17.5, 32.5)
    assert spread([]).median is None
    assert (spread([7]).median, spread([7]).q1, spread([7]).q3) == (7, 7, 7)


def test_it_estimates_from_comparable_site_years_as_by_hand():
    used = [
        SiteYear("a", "A", 2024, youth=10, contacts=10, population_12_25=10_000),  # 1.0 / 1.0
        SiteYear("a", "A", 2025, youth=30, contacts=30, population_12_25=10_000),  # 3.0 / 3.0
        SiteYear("b", "B", 2025, youth=20, contacts=40, population_12_25=20_000),  # 1.0 / 2.0
    ]
    result = estimate(used, 4_000)
    # Youth rates 1, 1, 3: median 1, q1 1, q3 2; times 4 (4,000 / 1,000).
    assert (result.youth.median, result.youth.q1, result.youth.q3) == (4, 4, 8)
    # Contact rates 1, 2, 3: median 2, q1 1.5, q3 2.5.
    assert (result.contacts.median, result.contacts.q1, result.contacts.q3) == (8, 6, 10)
    assert result.youth.n == 3
    assert estimate([], 4_000).youth.median is None
    assert estimate(used, None).youth.median is None


def test_it_needs_three_site_years_so_that_no_median_is_one_site_years_own_figure():
    used = [
        SiteYear("a", "A", 2024, youth=10, contacts=10, population_12_25=10_000),
        SiteYear("b", "B", 2025, youth=20, contacts=40, population_12_25=20_000),
    ]
    assert MIN_SITE_YEARS == 3
    result = estimate(used, 4_000)
    assert result.youth.n == 2
    assert (result.youth.median, result.contacts.q1, result.youth_shown.median) == (None,) * 3


def test_it_leaves_out_site_years_below_k_so_no_estimate_rests_on_a_hidden_count():
    used = [
        SiteYear("a", "A", 2024, youth=3, contacts=9, population_12_25=1_000),  # hidden: 3
        SiteYear("a", "A", 2025, youth=30, contacts=30, population_12_25=10_000),
        SiteYear("b", "B", 2025, youth=20, contacts=40, population_12_25=20_000),
        SiteYear("c", "C", 2025, youth=10, contacts=4, population_12_25=10_000),  # hidden: 4
        SiteYear("d", "D", 2025, youth=12, contacts=12, population_12_25=6_000),
    ]
    result = estimate(used, 4_000, k=5)
    assert [item.code for item in result.left_out] == ["a", "c"]
    assert [item.code for item in result.used] == ["a", "b", "d"]
    # Youth rates 3, 1, 2: median 2, times 4 = 8 exactly; presented 10.
    assert result.youth.median == 8
    assert result.youth_shown.median == 10


def test_it_rounds_estimates_half_up_to_ten():
    assert [rounded(v) for v in (None, 0, 4.9, 5, 14.99, 15, 1234.5)] == [
        None,
        0,
        0,
        10,
        10,
        20,
        1230,
    ]


CENTRE = [
    Line("Etablering", 100_000, "municipality", "establishment", False, "s", 2025),
    Line("Driftstilskud", 700_000, "municipality", "yearly", True, "s", 2025),
    Line("Fremskudt medarbejder", 250_000, "municipality", "yearly", False, "s", 2025),
    Line("Husleje", 100_000, "municipality", "yearly", False, "s", 2025),
    Line("Staten", 650_000, "state", "yearly", False, "s", 2025),
    Line("Fonde", 100_000, "foundations", "yearly", False, "s", 2025),
    Line("I naturalier", None, "municipality", "yearly", False, "s", 2025),
]


def test_it_halves_the_operating_grant_in_the_first_year_of_a_four_year_agreement():
    result = budget(
        CENTRE, start_year=2026, years=4, half_first_year=True, first_year_share=Decimal("0.5")
    )
    assert [year.year for year in result.years] == [2026, 2027, 2028, 2029]
    # 2026 as in the Randers memo: 100,000 + 350,000 + 250,000 + 100,000.
    assert result.years[0].by_payer == {
        "state": 650_000,
        "municipality": 800_000,
        "foundations": 100_000,
    }
    assert result.years[1].by_payer["municipality"] == 1_050_000
    assert result.payer_total("municipality") == 800_000 + 3 * 1_050_000
    assert result.payer_total("state") == 4 * 650_000
    assert result.total == 100_000 + 4 * 1_800_000 - 350_000
    assert result.yearly_full == 1_800_000
    assert result.years[0].by_line[-1] is None  # listed, never summed


def test_it_pays_the_full_grant_without_the_half_first_year_option():
    result = budget(
        CENTRE, start_year=2026, years=4, half_first_year=False, first_year_share=Decimal("0.5")
    )
    assert result.years[0].by_payer["municipality"] == 1_150_000
    assert result.total == 100_000 + 4 * 1_800_000


def test_it_refuses_an_agreement_without_years():
    with pytest.raises(ValueError):
        budget(CENTRE, start_year=2026, years=0, half_first_year=True, first_year_share=Decimal(1))


def test_it_divides_cost_only_by_something():
    assert per_unit(650_000, 8) == 81_250
    assert per_unit(650_000, 0) is None
    assert per_unit(None, 8) is None
