"""`frirum population` reads Statistics Denmark's FOLK1A export as downloaded (hand-made here)."""

import pytest
from django.core.management import CommandError, call_command

from frirum.sites.models import Municipality

pytestmark = pytest.mark.django_db


def long_export(rows: list[tuple[str, str, str, int]]) -> str:
    lines = ['"OMRÅDE";"KØN";"ALDER";"TID";"INDHOLD"']
    for area, sex, age, value in rows:
        lines.append(f'"{area}";"{sex}";"{age}";"2025K1";{value}')
    return "\r\n".join(lines) + "\r\n"


def write(tmp_path, text: str, encoding: str = "utf-8-sig"):
    path = tmp_path / "FOLK1A.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_it_imports_the_long_layout_with_names_and_skips_country_regions_and_sexes(tmp_path):
    rows = [
        ("Hele landet", "I alt", "Alder i alt", 5_990_000),
        ("Region Hovedstaden", "I alt", "Alder i alt", 1_900_000),
        ("Ballerup", "I alt", "Alder i alt", 52_000),
        ("Ballerup", "Mænd", "Alder i alt", 26_000),
        ("Ballerup", "I alt", "11 år", 700),
        *[("Ballerup", "I alt", f"{age} år", 600) for age in range(12, 26)],
        ("Ballerup", "I alt", "26 år", 650),
        ("Ishøj", "I alt", "Alder i alt", 24_000),
        *[("Ishøj", "I alt", f"{age} år", 300) for age in range(12, 26)],
    ]
    call_command("population", str(write(tmp_path, long_export(rows), "cp1252")))
    ballerup = Municipality.objects.get(code="151")
    assert (ballerup.population_total, ballerup.population_12_25, ballerup.population_year) == (
        52_000,
        14 * 600,
        2025,
    )
    assert Municipality.objects.get(name="Ishøj").population_12_25 == 14 * 300


def test_it_imports_the_wide_layout_with_codes_and_takes_the_newest_period(tmp_path):
    text = '"OMRÅDE";"ALDER";"2024K4";"2025K1"\n' + "\n".join(
        [f'"151 Ballerup";"{age} år";10;{age}' for age in range(0, 30)]
    )
    call_command("population", str(write(tmp_path, text)))
    ballerup = Municipality.objects.get(code="151")
    assert ballerup.population_total == sum(range(0, 30))
    assert ballerup.population_12_25 == sum(range(12, 26))
    assert ballerup.population_year == 2025


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"OMRÅDE";"ALDER";"TID";"INDHOLD"\n"Atlantis";"12 år";"2025K1";5\n', "Atlantis"),
        ('"OMRÅDE";"ALDER";"TID";"INDHOLD"\n"Ballerup";"12 år";"2025K1";..\n', "line 2"),
        ('"OMRÅDE";"ALDER";"TID";"INDHOLD"\n"Ballerup";"Alder i alt";"2025K1";5\n', "12 to 25"),
        ('"OMRÅDE";"KØN";"SOMETHING"\n"Ballerup";"I alt";"x"\n', "OMRÅDE and ALDER"),
    ],
)
def test_it_refuses_a_bad_export_and_saves_nothing(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        call_command("population", str(write(tmp_path, text)))
    assert not Municipality.objects.filter(population_total__isnull=False).exists()
