from django.test import TestCase

from frirum.questionnaires.defaults import DEFAULT_INSTRUMENTS, seed_instruments
from frirum.questionnaires.models import Instrument, InstrumentVersion, Item


class DefaultInstrumentsTestCase(TestCase):
    def test_it_ships_the_interchange_codes(self):
        items = {
            code: list(
                Item.objects.filter(version__instrument__code=code, version__is_current=True)
                .order_by("position")
                .values_list("code", flat=True)
            )
            for code in Instrument.objects.values_list("code", flat=True)
        }
        self.assertEqual(
            items["session_rating"], ["relationship", "goals_topics", "approach_method", "overall"]
        )
        self.assertEqual(items["helped"], ["helped"])
        self.assertEqual(items["self_efficacy"], ["self_efficacy"])
        self.assertEqual(len(items["who5"]), 5)
        self.assertEqual(len(items["loneliness3"]), 3)
        self.assertEqual(items["life_satisfaction"], ["life_satisfaction"])

    def test_it_marks_the_after_every_conversation_defaults(self):
        self.assertEqual(
            set(Instrument.objects.filter(asked_by_default=True).values_list("code", flat=True)),
            {"session_rating", "helped", "self_efficacy"},
        )

    def test_it_has_one_current_version_1_per_instrument(self):
        self.assertEqual(
            InstrumentVersion.objects.filter(is_current=True, number=1).count(),
            len(DEFAULT_INSTRUMENTS),
        )

    def test_it_scales_match_the_published_ranges(self):
        version = InstrumentVersion.objects.get(instrument__code="who5")
        self.assertEqual((version.scale_min, version.scale_max), (0, 5))
        self.assertEqual(version.score_multiplier, 4)
        self.assertEqual(version.cutoff, 50)
        lonely = InstrumentVersion.objects.get(instrument__code="loneliness3")
        self.assertEqual((lonely.scale_min, lonely.scale_max, lonely.direction), (1, 3, "lower"))
        efficacy = InstrumentVersion.objects.get(instrument__code="self_efficacy")
        self.assertEqual(
            [(c["code"], c["min"], c["max"]) for c in efficacy.categories],
            [("high", 1, 2), ("middle", 3, 3), ("low", 4, 5)],
        )

    def test_it_seeds_again_without_touching_existing_instruments(self):
        Instrument.objects.filter(code="helped").update(name_da="Eget navn")
        seed_instruments(Instrument, InstrumentVersion, Item)
        self.assertEqual(Instrument.objects.get(code="helped").name_da, "Eget navn")
        self.assertEqual(InstrumentVersion.objects.filter(instrument__code="helped").count(), 1)
