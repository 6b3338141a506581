import datetime as dt

from frirum.family.models import FamilyConversation
from frirum.family.selectors import first_meeting_conversation_ids, with_first_meeting
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase
from tests.family.helpers import make_conversation, make_relative


class FirstMeetingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_family = Site.objects.create(
            code="fam2",
            name="headspace Family Holbæk",
            kind=SiteKind.FAMILY,
            municipality=cls.copenhagen,
        )

    def firsts(self, qs=None) -> set[str]:
        qs = FamilyConversation.objects.all() if qs is None else qs
        ids = first_meeting_conversation_ids(qs)
        return set(FamilyConversation.objects.filter(id__in=ids).values_list("code", flat=True))

    def test_it_marks_a_relatives_first_conversation_only(self):
        mum = make_relative(self.family_site)
        make_conversation(self.family_site, [mum], dt.date(2025, 1, 10), code="F-1")
        make_conversation(self.family_site, [mum], dt.date(2025, 2, 10), code="F-2")
        self.assertEqual(self.firsts(), {"F-1"})

    def test_it_looks_across_years(self):
        mum = make_relative(self.family_site)
        make_conversation(self.family_site, [mum], dt.date(2024, 12, 30), code="F-OLD")
        make_conversation(self.family_site, [mum], dt.date(2025, 1, 2), code="F-NEW")
        in_2025 = FamilyConversation.objects.filter(date__year=2025)
        self.assertEqual(self.firsts(in_2025), set())
        self.assertEqual(self.firsts(), {"F-OLD"})

    def test_it_looks_across_sites(self):
        dad = make_relative(self.family_site, "parent")
        make_conversation(self.other_family, [dad], dt.date(2025, 1, 5), code="F-THERE")
        make_conversation(self.family_site, [dad], dt.date(2025, 3, 1), code="F-HERE")
        here = FamilyConversation.objects.filter(site=self.family_site)
        self.assertEqual(self.firsts(here), set())

    def test_it_counts_a_conversation_first_for_any_of_its_relatives(self):
        mum = make_relative(self.family_site)
        gran = make_relative(self.family_site, "grandparent")
        make_conversation(self.family_site, [mum], dt.date(2025, 1, 1), code="F-A")
        make_conversation(self.family_site, [mum, gran], dt.date(2025, 2, 1), code="F-B")
        make_conversation(self.family_site, [mum, gran], dt.date(2025, 3, 1), code="F-C")
        self.assertEqual(self.firsts(), {"F-A", "F-B"})

    def test_it_breaks_a_same_day_tie_by_the_smallest_code(self):
        sister = make_relative(self.family_site, "sibling")
        # Binary order: upper case before lower case, "F-10" before "F-9".
        make_conversation(self.family_site, [sister], dt.date(2025, 5, 5), code="F-9")
        make_conversation(self.family_site, [sister], dt.date(2025, 5, 5), code="F-10")
        make_conversation(self.family_site, [sister], dt.date(2025, 5, 5), code="F-b")
        make_conversation(self.family_site, [sister], dt.date(2025, 5, 5), code="F-C")
        self.assertEqual(self.firsts(), {"F-10"})

    def test_it_uses_codes_in_binary_order_not_the_locale(self):
        friend = make_relative(self.family_site, "friend")
        make_conversation(self.family_site, [friend], dt.date(2025, 5, 5), code="F-b")
        make_conversation(self.family_site, [friend], dt.date(2025, 5, 5), code="F-C")
        self.assertEqual(self.firsts(), {"F-C"})

    def test_it_is_empty_without_conversations(self):
        self.assertEqual(self.firsts(), set())

    def test_it_annotates_each_conversation(self):
        mum = make_relative(self.family_site)
        make_conversation(self.family_site, [mum], dt.date(2025, 1, 10), code="F-1")
        make_conversation(self.family_site, [mum], dt.date(2025, 2, 10), code="F-2")
        flags = dict(
            with_first_meeting(FamilyConversation.objects.all()).values_list(
                "code", "is_first_meeting"
            )
        )
        self.assertEqual(flags, {"F-1": True, "F-2": False})

    def test_it_answers_a_large_case_in_one_query(self):
        relatives = [make_relative(self.family_site) for _ in range(40)]
        for i, relative in enumerate(relatives):
            for month in (1, 2, 3):
                make_conversation(
                    self.family_site,
                    [relative],
                    dt.date(2025, month, 1 + i % 20),
                    code=f"F-{i:03d}-{month}",
                )
        with self.assertNumQueries(1):
            firsts = self.firsts()
        self.assertEqual(firsts, {f"F-{i:03d}-1" for i in range(40)})
