import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"


def load(apps, schema_editor):
    Region = apps.get_model("sites", "Region")
    Municipality = apps.get_model("sites", "Municipality")
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            region, _ = Region.objects.get_or_create(code=row["region_code"], defaults={"name": row["region_name"]})
            Municipality.objects.get_or_create(code=row["code"], defaults={"name": row["name"], "region": region})


class Migration(migrations.Migration):
    dependencies = [("sites", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
