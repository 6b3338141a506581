"""Export -> empty database -> import -> export: the same files and the same report figures."""

import datetime as dt
import io
import random

from django.core.management import call_command

from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.interchange.actions import export_dataset, import_dataset
from frirum.interchange.models import ImportBatch
from frirum.people.models import Youth
from frirum.questionnaires.models import Item, Response
from frirum.reports.figures import annual, family, national
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth, term
from tests.interchange.helpers import DATA, VALID, TempDirMixin, read_rows, to_bytes


def wipe() -> None:
    """Empties the database of everything an import brings, sites included."""
    Response.objects.all().delete()
    Contact.objects.all().delete()
    GroupSession.objects.all().delete()
    Outreach.objects.all().delete()
    FamilyConversation.objects.all().delete()
    RelativeInquiry.objects.all().delete()
    Relative.objects.all().delete()
    FamilyGroup.objects.all().delete()
    Youth.objects.all().delete()
    ImportBatch.objects.all().delete()
    Site.objects.filter(hub__isnull=False).delete()
    Site.objects.all().delete()


def answer(contact: Contact, instrument: str, item: str, value: int) -> Response:
    found = Item.objects.select_related("version__instrument").get(
        version__instrument__code=instrument, version__is_current=True, code=item
    )
    return Response.objects.create(
        contact=contact,
        instrument=found.version.instrument,
        item=found,
        item_code=item,
        value=value,
    )


def figures() -> list[dict]:
    """Every report over the data, minus the moment it was generated."""
    out = []
    for year in (2024, 2025):
        reports = [national(year=year), family(year=year)]
        for site in Site.objects.order_by("code"):
            if site.kind == SiteKind.FAMILY:
                reports.append(family(year=year, site=site))
            else:
                reports.append(annual(site=site, year=year))
        for report in reports:
            report.pop("meta", None)
            for value in report.values():
                if isinstance(value, dict):
                    value.pop("meta", None)
            out.append(report)
    return out


def files(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


class RoundTripTestCase(TempDirMixin, BaseTestCase):
    def make_records(self) -> None:
        """Records as the application makes them, next to an imported dataset."""
        import_dataset(path=DATA / "valid")
        youth = make_youth(self.site_a, residence_municipality=self.ballerup)
        first = make_contact(
            self.site_a,
            youth,
            dt.date(2025, 1, 10),
            age=17,
            themes=["anxiety", "loneliness"],
            bridged=True,
            bridging_methods=["made_aware_new"],
            bridging_destinations=["municipal"],
            counsellors=[self.volunteer_a],
            note="kept out of exports",
        )
        later = make_contact(self.site_a, youth, dt.date(2025, 3, 1), age=17)
        make_contact(self.satellite_a, date=dt.date(2025, 5, 5), kind="group", channel="")
        make_contact(
            self.chat, make_youth(residence_municipality=self.ballerup), dt.date(2025, 2, 2)
        )
        for contact, value in ((first, 5), (later, 2)):
            answer(contact, "self_efficacy", "self_efficacy", value)
            answer(contact, "helped", "helped", 3)
        answer(first, "session_rating", "goals_topics", 7)
        make_outreach(self.site_a, short_contacts=40, date=dt.date(2025, 9, 1))
        parent = Relative.objects.create(relation=term(Vocabulary.RELATION, "parent"))
        conversation = FamilyConversation.objects.create(
            site=self.family_site,
            date=dt.date(2025, 4, 4),
            kind="relative",
            channel="phone",
            peer_volunteer_present=True,
            peer_volunteer=self.peer,
            bridged=True,
            bridged_for="relative",
        )
        conversation.relatives.set([parent])
        conversation.themes.set([term(Vocabulary.FAMILY_THEME, "parenting")])
        RelativeInquiry.objects.create(
            site=self.family_site, date=dt.date(2025, 4, 1), reason="family_matters"
        )

    def test_it_exports_and_imports_to_the_same_files_and_figures(self):
        self.make_records()
        before = figures()
        export_dataset(path=self.tmp / "first")
        wipe()
        import_dataset(path=self.tmp / "first")
        self.assertEqual(figures(), before)
        export_dataset(path=self.tmp / "second")
        self.assertEqual(files(self.tmp / "second"), files(self.tmp / "first"))

    def test_it_round_trips_through_a_zip(self):
        self.make_records()
        export_dataset(path=self.tmp / "first.zip")
        export_dataset(path=self.tmp / "first")
        wipe()
        call_command("import", str(self.tmp / "first.zip"), stdout=io.StringIO())
        export_dataset(path=self.tmp / "second")
        self.assertEqual(files(self.tmp / "second"), files(self.tmp / "first"))

    def test_it_writes_back_exactly_the_files_it_read(self):
        # The hand-made dataset is written the way the exporter writes, so an import into an
        # empty database exports to the same bytes.
        wipe()
        import_dataset(path=DATA / "valid")
        export_dataset(path=self.tmp / "out")
        self.assertEqual(files(self.tmp / "out"), files(DATA / "valid"))

    def test_it_handles_more_rows_than_one_batch(self):
        wipe()
        rng = random.Random(7)
        themes = sorted(
            Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME).values_list("code", flat=True)
        )
        youth = [VALID["youth.csv"][0]] + [[f"Y{i:05d}", "female", "151"] for i in range(3000)]
        contacts = [VALID["contacts.csv"][0]]
        responses = [VALID["responses.csv"][0]]
        for i in range(12000):
            chosen = ";".join(sorted(rng.sample(themes, rng.randint(0, 3))))
            contacts.append(
                [
                    f"C{i:06d}",
                    f"Y{i % 3000:05d}",
                    "ctr-x",
                    f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "counselling",
                    "in_person",
                    str(12 + i % 14),
                    "",
                    "",
                    "",
                    chosen,
                    "",
                    "0",
                    "",
                    "",
                ]
            )
            responses.append([f"C{i:06d}", "helped", "helped", str(1 + i % 5)])
        source = self.write_folder(
            {
                "sites.csv": VALID["sites.csv"],
                "youth.csv": youth,
                "contacts.csv": contacts,
                "responses.csv": responses,
            }
        )
        import_dataset(path=source)
        self.assertEqual(Contact.objects.count(), 12000)
        self.assertEqual(Response.objects.count(), 12000)
        last = Contact.objects.get(code="C011999")
        self.assertEqual(
            ";".join(sorted(last.themes.values_list("code", flat=True))), contacts[-1][10]
        )
        self.assertEqual(last.responses.get().value, int(responses[-1][3]))
        export_dataset(path=self.tmp / "out")
        self.assertEqual(read_rows(self.tmp / "out" / "contacts.csv"), contacts)
        self.assertEqual((self.tmp / "out" / "responses.csv").read_bytes(), to_bytes(responses))
