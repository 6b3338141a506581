"""Readable labels for the codes in the figures: taxonomy terms, fixed code lists, municipalities.

Terms and municipalities are read in one query each for the whole report.
"""

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _

from frirum.contacts.choices import Channel, ContactKind, DropoutRisk, EducationStatus
from frirum.family.models import BridgedFor, FamilyKind, InquiryReason
from frirum.people.models import Gender
from frirum.sites.models import Municipality
from frirum.taxonomies.models import Term, Vocabulary

AGE_BANDS = ("<12", "12-14", "15-16", "17-18", "19-20", "21-23", "24-25", ">25", "unknown")

UNKNOWN = _("Unknown")

AGE_LABELS = {
    "<12": _("Under 12"),
    "12-14": _("12-14 years"),
    "15-16": _("15-16 years"),
    "17-18": _("17-18 years"),
    "19-20": _("19-20 years"),
    "21-23": _("21-23 years"),
    "24-25": _("24-25 years"),
    ">25": _("Over 25"),
    "unknown": UNKNOWN,
}

HELPED_LABELS = {
    "1": _("1 Not at all"),
    "2": _("2 A little"),
    "3": _("3 Somewhat"),
    "4": _("4 Much"),
    "5": _("5 Very much"),
}

SESSION_RATING_LABELS = {
    "relationship": _("The relationship / the conversation"),
    "goals_topics": _("Goals and topics / the content"),
    "approach_method": _("Approach or method"),
    "overall": _("Overall"),
}

SELF_EFFICACY_LABELS = {
    "high": _("High (1-2)"),
    "middle": _("Middle (3)"),
    "low": _("Low (4-5)"),
}

# The fixed code lists (interchange format) and their labels, in the order reports show them.
CHOICES = {
    "channel": Channel,
    "contact_kind": ContactKind,
    "education": EducationStatus,
    "dropout_risk": DropoutRisk,
    "gender": Gender,
    "family_kind": FamilyKind,
    "bridged_for": BridgedFor,
    "inquiry_reason": InquiryReason,
}

# Code lists held as taxonomy terms, per figure family.
VOCABULARIES = {
    "youth_theme": Vocabulary.YOUTH_THEME,
    "family_theme": Vocabulary.FAMILY_THEME,
    "youth_method": Vocabulary.YOUTH_BRIDGING_METHOD,
    "family_method": Vocabulary.FAMILY_BRIDGING_METHOD,
    "destination": Vocabulary.DESTINATION,
    "relation": Vocabulary.RELATION,
}


class Labels:
    """Looks up labels for one report; loads terms and municipalities once."""

    def __init__(self) -> None:
        english = (get_language() or "da").startswith("en")
        self._terms: dict[tuple[str, str], tuple[str, int]] = {}
        for vocabulary, code, label_da, label_en, position in Term.objects.values_list(
            "vocabulary", "code", "label_da", "label_en", "position"
        ):
            self._terms[(vocabulary, code)] = (label_en if english else label_da, position)
        self._municipalities = dict(Municipality.objects.values_list("code", "name"))

    def term(self, family: str, code: str) -> str:
        if code == "unknown":
            return str(UNKNOWN)
        found = self._terms.get((VOCABULARIES[family], code))
        return found[0] if found else code

    def term_order(self, family: str) -> list[str]:
        vocabulary = VOCABULARIES[family]
        return [
            code
            for (vocab, code), _v in sorted(self._terms.items(), key=lambda item: item[1][1])
            if vocab == vocabulary
        ]

    def choice(self, family: str, code: str) -> str:
        if code == "unknown" or code == "":
            return str(UNKNOWN)
        choices = CHOICES[family]
        try:
            return str(choices(code).label)
        except ValueError:
            return code

    @staticmethod
    def choice_codes(family: str) -> list[str]:
        return list(CHOICES[family].values)

    def municipality(self, code: str) -> str:
        if code == "unknown" or not code:
            return str(UNKNOWN)
        name = self._municipalities.get(code)
        return f"{name} ({code})" if name else code


# The fixed lists' labels as the reports show them, so that the reports' own Danish catalogue
# holds them even where the apps defining the lists translate them differently or not yet.
_REPORT_MSGIDS = (
    gettext_noop("In person"),
    gettext_noop("Phone"),
    gettext_noop("Video"),
    gettext_noop("Chat"),
    gettext_noop("Mail"),
    gettext_noop("SMS"),
    gettext_noop("Other"),
    gettext_noop("Counselling"),
    gettext_noop("Group"),
    gettext_noop("In education"),
    gettext_noop("In education, on sick leave"),
    gettext_noop("Employed"),
    gettext_noop("Neither in education nor employed"),
    gettext_noop("None"),
    gettext_noop("Low"),
    gettext_noop("Some"),
    gettext_noop("High"),
    gettext_noop("Female"),
    gettext_noop("Male"),
    gettext_noop("A relative alone"),
    gettext_noop("The family without the young person"),
    gettext_noop("The family with the young person"),
    gettext_noop("The relative"),
    gettext_noop("The whole family"),
    gettext_noop("The young person"),
    gettext_noop("A talk about family matters"),
    gettext_noop("Worry for the young person's mental health"),
    gettext_noop("Information about Family"),
    gettext_noop("Centre"),
    gettext_noop("Satellite"),
    gettext_noop("Family"),
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("pp"),
)
