import pytest
from django.core.management import CommandError, call_command

from frirum.sites.models import Municipality

pytestmark = pytest.mark.django_db


def write(tmp_path, text):
    path = tmp_path / "population.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_starts_with_empty_population_fields():
    assert not Municipality.objects.filter(population_total__isnull=False).exists()
    assert Municipality.objects.count() == 98


def test_it_imports_official_figures(tmp_path):
    path = write(
        tmp_path,
        "municipality_code,population_total,population_12_25,year\n151,49000,8100,2025\n101,667000,,2025\n",
    )
    call_command("population", str(path))
    ballerup = Municipality.objects.get(code="151")
    assert (ballerup.population_total, ballerup.population_12_25, ballerup.population_year) == (
        49000,
        8100,
        2025,
    )
    assert Municipality.objects.get(code="101").population_12_25 is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("151,49000,8100,2025\n999,1,1,2025\n", "line 3 column municipality_code"),
        ("151,49000,8100,2025\n101,many,1,2025\n", "line 3 column population_total"),
        ("151,49000,8100,2025\n151,49000,8100,2025\n", "appears twice"),
        ("151,49000,8100,\n", "line 2 column year"),
    ],
)
def test_it_refuses_bad_rows_and_saves_nothing(tmp_path, body, message):
    path = write(tmp_path, "municipality_code,population_total,population_12_25,year\n" + body)
    with pytest.raises(CommandError, match=message):
        call_command("population", str(path))
    assert Municipality.objects.get(code="151").population_total is None


def test_it_refuses_a_wrong_header(tmp_path):
    with pytest.raises(CommandError, match="header"):
        call_command("population", str(write(tmp_path, "code,pop\n151,1\n")))
