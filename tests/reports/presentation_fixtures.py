"""Hand-made figure dicts following the interchange names, for the presentation tests.

They stand in for frirum.reports.figures so that rounding, suppression and layout can be
checked against numbers worked out by hand.
"""

import copy

from django.test import TestCase

from frirum.sites.models import Municipality, Site, SiteKind


class RenderTestCase(TestCase):
    """Just the sites a presented report names (no users: rendering needs no login)."""

    @classmethod
    def setUpTestData(cls):
        cls.site_a = Site.objects.create(
            code="alpha",
            name="headspace Alpha",
            kind=SiteKind.CENTRE,
            municipality=Municipality.objects.get(code="151"),
        )
        Site.objects.create(
            code="alpha-sat",
            name="headspace Alpha satellit",
            kind=SiteKind.SATELLITE,
            municipality=Municipality.objects.get(code="190"),
            hub=cls.site_a,
        )


def annual_figures(year: int = 2024, site: str = "alpha") -> dict:
    return {
        "report": "annual",
        "year": year,
        "site": {"code": site, "name": "headspace Alpha", "kind": "centre"},
        "youth": {
            "personal": 84,
            "short_contacts": 4,  # below 5: primary suppression
            "chat_resident": 17,  # the next smallest: secondary suppression
            "total": 105,
            "residence": {"151": 66 / 84, "157": 6 / 84, "240": 6 / 84, "unknown": 6 / 84},
            "gender": {"female": 60 / 84, "male": 20 / 84, "other": 3 / 84, "unknown": 1 / 84},
            "age_at_first": {
                "<12": 1 / 84,
                "12-14": 14 / 84,
                "15-16": 14 / 84,
                "17-18": 14 / 84,
                "19-20": 14 / 84,
                "21-23": 17 / 84,
                "24-25": 6 / 84,
                ">25": 4 / 84,
            },
            "education": {
                "in_education": 67 / 84,
                "in_education_sick_leave": 4 / 84,
                "employed": 7 / 84,
                "neither": 6 / 84,
            },
        },
        "contacts": {
            "total": 258,
            "per_youth": 258 / 84,
            "by_channel": {"in_person": 200, "phone": 40, "video": 15, "mail": 3, "sms": 0},
            "by_kind": {"counselling": 250, "group": 8},
        },
        "themes": {"anxiety": 100 / 258, "stress": 80 / 258, "grief": 2 / 258},
        "bridging": {
            "contacts": 20,
            "share": 20 / 258,
            "methods": {"made_aware_new": 12 / 20, "helped_contact": 3 / 20},
            "destinations": {"gp": 10 / 20, "psychiatry": 6 / 20},
        },
        "feedback": {
            "responses": 120,
            "session_rating_mean": {
                "relationship": 9.25,
                "goals_topics": 9.04,
                "approach_method": 8.96,
                "overall": 9.15,
            },
            "session_rating_answers": {
                "relationship": 118,
                "goals_topics": 118,
                "approach_method": 117,
                "overall": 118,
            },
            "helped": {"1": 2 / 100, "2": 6 / 100, "3": 18 / 100, "4": 37 / 100, "5": 37 / 100},
            "helped_answers": 100,
        },
        "outcomes": {
            "self_efficacy": {
                "courses": 30,
                "first": {"high": 6 / 30, "middle": 9 / 30, "low": 15 / 30},
                "latest": {"high": 15 / 30, "middle": 9 / 30, "low": 6 / 30},
            }
        },
        "meta": {"definitions": "interchange v1"},
    }


def previous_annual(year: int = 2023) -> dict:
    figures = annual_figures(year)
    figures["youth"].update(personal=83, short_contacts=109, chat_resident=0, total=192)
    figures["contacts"].update(total=332, per_youth=332 / 83)
    figures["contacts"]["by_channel"] = {"in_person": 300, "phone": 32}
    return figures


def national_figures(year: int = 2024) -> dict:
    figures = copy.deepcopy(annual_figures(year))
    figures["report"] = "national"
    figures.pop("site")
    youth = figures["youth"]
    youth.pop("chat_resident")
    youth.update(personal=5000, short_contacts=12000, chat=3000, total=20000)
    figures["contacts"].update(total=15000, per_youth=3.0)
    return figures


def family_figures(year: int = 2024, site: str | None = None) -> dict:
    return {
        "report": "family",
        "year": year,
        "site": {"code": site} if site else None,
        "relatives": {
            "total": 162,
            "by_relation": {"parent": 146, "grandparent": 3, "sibling": 6, "other_adult": 7},
        },
        "conversations": {
            "total": 291,
            "by_kind": {"relative": 190, "family_without_youth": 49, "family_with_youth": 52},
            "by_channel": {"in_person": 199, "phone": 66, "video": 20, "mail": 4, "sms": 2},
            "first_meeting_share": 163 / 291,
            "per_relative": 2.04,
            "peer_volunteer_share": 125 / 291,
        },
        "themes": {"relational_family": 137 / 291, "emotional": 84 / 291, "parenting": 73 / 291},
        "themes_by_kind": {
            "relative": {"relational_family": 90 / 190, "emotional": 60 / 190},
            "family_with_youth": {"family_conflict": 20 / 52, "parenting": 3 / 52},
        },
        "bridging": {
            "share": 76 / 291,
            "for": {"relative": 25 / 76, "family": 16 / 76, "youth": 35 / 76},
            "methods": {"made_aware": 53 / 76, "helped_contact": 18 / 76},
            "destinations": {"other_offer": 26 / 76, "civil_society": 19 / 76},
        },
        "inquiries": {
            "total": 803,
            "by_relation": {"parent": 712, "grandparent": 17, "other_adult": 49, "sibling": 25},
            "by_reason": {
                "family_matters": 474 / 803,
                "worry_mental_health": 217 / 803,
                "family_programme_info": 72 / 803,
                "other": 40 / 803,
            },
        },
        "youth_contacts_with_relative": {
            "total": 424,
            "by_relation": {"parent": 271 / 424, "other_adult": 55 / 424, "sibling": 98 / 424},
        },
        "meta": {"definitions": "interchange v1"},
    }
