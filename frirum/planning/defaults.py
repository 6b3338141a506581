"""The default rules and budget templates, taken from the network's founding memos.

The data migration and the demo load these; afterwards the secretariat edits them in the
admin. Sources are named as a memo's reader would look them up.
"""

from decimal import Decimal

MEMO_2017 = "Notat om Headspace, Center for Socialservice, Ishøj Kommune, september 2017"
MEMO_2025 = "Notat om mulighed for etablering af Headspace i Randers, 15. august 2025"
INCENTIVE_2017 = (
    "Incentive: analyse af de økonomiske gevinster ved at investere i Headspace, maj 2017 "
    "(gengivet i notatet fra september 2017)"
)

# (key, value, source, source year)
RULES: tuple[tuple[str, Decimal, str, int], ...] = (
    ("centre_threshold", Decimal(40000), MEMO_2017, 2017),
    ("hub_capacity", Decimal(2), MEMO_2017, 2017),
    ("cohort_share", Decimal("0.20"), MEMO_2017, 2017),
    ("first_year_share", Decimal("0.50"), MEMO_2025, 2025),
    ("agreement_years", Decimal(4), MEMO_2025, 2025),
    (
        "centre_opening_days",
        Decimal(5),
        "Fuld åbningstid (notat 2017); fem hverdage er sekretariatets antagelse",
        2017,
    ),
    ("satellite_opening_days", Decimal(2), MEMO_2017, 2017),
    ("savings_low", Decimal(2_000_000), INCENTIVE_2017, 2017),
    ("savings_high", Decimal(3_400_000), INCENTIVE_2017, 2017),
)

# kind -> (year, note, lines); a line: (label, amount or None, payer, kind, halved, source).
TEMPLATES: dict[str, tuple[int, str, tuple]] = {
    "centre": (
        2025,
        "Centermodellen 2025: drift ca. 1,8 mio. kr. om året inkl. fremskudt medarbejder og husleje.",
        (
            ("Etablering (lokaler)", 100_000, "municipality", "establishment", False, MEMO_2025),
            ("Kommunalt driftstilskud", 700_000, "municipality", "yearly", True, MEMO_2025),
            (
                "Fremskudt medarbejder (15 timer)",
                250_000,
                "municipality",
                "yearly",
                False,
                MEMO_2025,
            ),
            ("Husleje", 100_000, "municipality", "yearly", False, MEMO_2025),
            (
                "Statslig medfinansiering (ca. 650-700.000 kr.)",
                650_000,
                "state",
                "yearly",
                False,
                MEMO_2025,
            ),
            ("Fondstilskud", 100_000, "foundations", "yearly", False, MEMO_2025),
        ),
    ),
    "satellite": (
        2017,
        "Satellit med to åbningsdage om ugen: 650.000 kr. om året.",
        (
            (
                "Kommunalt tilskud (drift, personale, administration)",
                500_000,
                "municipality",
                "yearly",
                False,
                MEMO_2017,
            ),
            ("Husleje (beløb ikke angivet)", None, "municipality", "yearly", False, MEMO_2017),
            (
                "Kommunal halvtidsmedarbejder, 10-12 timer om ugen (beløb ikke angivet)",
                None,
                "municipality",
                "yearly",
                False,
                MEMO_2017,
            ),
            ("Private fondsbidrag", 150_000, "foundations", "yearly", False, MEMO_2017),
        ),
    ),
}


def load_defaults(apps=None) -> None:
    """Create the default rules and templates where they are missing (idempotent).

    `apps` is a migration's app registry; without it the current models are used.
    """
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    rule_model = apps.get_model("planning", "PlanningRule")
    template_model = apps.get_model("planning", "BudgetTemplate")
    line_model = apps.get_model("planning", "BudgetLine")
    for key, value, source, year in RULES:
        rule_model.objects.get_or_create(
            key=key, defaults={"value": value, "source": source, "source_year": year}
        )
    for kind, (year, note, lines) in TEMPLATES.items():
        template, created = template_model.objects.get_or_create(
            kind=kind, year=year, defaults={"note": note}
        )
        if not created:
            continue
        for position, (label, amount, payer, line_kind, halved, source) in enumerate(lines):
            line_model.objects.create(
                template=template,
                label=label,
                amount=amount,
                payer=payer,
                kind=line_kind,
                halved_in_first_year=halved,
                source=source,
                source_year=year,
                position=position,
            )
