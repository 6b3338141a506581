"""The shared base: a small network with people in every role at two sites.

Site A (`alpha`, Ballerup) has a satellite (`alpha-sat`, Furesø); site B (`beta`, København)
is the "wrong site" for A's people. There is a national chat and a Family site (`fam`, Aarhus).
"""

import datetime as dt

from django.test import TestCase

from frirum.accounts.models import Membership, MunicipalityViewer, Role, User
from frirum.contacts.models import Contact, Outreach
from frirum.people.models import Youth
from frirum.sites.models import Municipality, Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary

PASSWORD = "correct horse battery staple"


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def make_user(email: str, name: str, **fields) -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, **fields)


def make_youth(site: Site | None = None, **fields) -> Youth:
    fields.setdefault("gender", "female")
    return Youth.objects.create(registered_at_site=site, **fields)


def make_contact(
    site: Site, youth: Youth | None = None, date: dt.date | None = None, **fields
) -> Contact:
    themes = fields.pop("themes", [])
    counsellors = fields.pop("counsellors", [])
    methods = fields.pop("bridging_methods", [])
    destinations = fields.pop("bridging_destinations", [])
    fields.setdefault("channel", "in_person")
    contact = Contact.objects.create(
        site=site, youth=youth or make_youth(site), date=date or dt.date(2025, 3, 4), **fields
    )
    contact.themes.set([term(Vocabulary.YOUTH_THEME, c) for c in themes])
    contact.bridging_methods.set([term(Vocabulary.YOUTH_BRIDGING_METHOD, c) for c in methods])
    contact.bridging_destinations.set([term(Vocabulary.DESTINATION, c) for c in destinations])
    contact.counsellors.set(counsellors)
    return contact


def make_outreach(
    site: Site, short_contacts: int = 10, date: dt.date | None = None, **fields
) -> Outreach:
    fields.setdefault("kind", "school")
    return Outreach.objects.create(
        site=site, date=date or dt.date(2025, 3, 4), short_contacts=short_contacts, **fields
    )


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ballerup = Municipality.objects.get(code="151")
        cls.furesoe = Municipality.objects.get(code="190")
        cls.copenhagen = Municipality.objects.get(code="101")
        cls.aarhus = Municipality.objects.get(code="751")

        cls.site_a = Site.objects.create(
            code="alpha", name="headspace Alpha", kind=SiteKind.CENTRE, municipality=cls.ballerup
        )
        cls.satellite_a = Site.objects.create(
            code="alpha-sat",
            name="headspace Alpha satellit",
            kind=SiteKind.SATELLITE,
            municipality=cls.furesoe,
            hub=cls.site_a,
        )
        cls.site_b = Site.objects.create(
            code="beta", name="headspace Beta", kind=SiteKind.CENTRE, municipality=cls.copenhagen
        )
        cls.chat = Site.objects.create(code="chat", name="headspace chat", kind=SiteKind.CHAT)
        cls.family_site = Site.objects.create(
            code="fam",
            name="headspace Family Aarhus",
            kind=SiteKind.FAMILY,
            municipality=cls.aarhus,
        )

        # One person per role at site A and at site B, e.g. cls.a_volunteer_counsellor.
        for label, site in (("a", cls.site_a), ("b", cls.site_b)):
            for role in Role:
                user = make_user(
                    f"{role.value}.{label}@example.org", f"{role.label} {label.upper()}"
                )
                Membership.objects.create(user=user, site=site, role=role)
                setattr(cls, f"{label}_{role.value}", user)
        cls.volunteer_a = cls.a_volunteer_counsellor
        cls.volunteer_b = cls.b_volunteer_counsellor
        cls.chief_a = cls.a_centre_chief
        cls.chief_b = cls.b_centre_chief

        cls.family_staff = make_user("family.staff@example.org", "Family Rådgiver")
        Membership.objects.create(
            user=cls.family_staff, site=cls.family_site, role=Role.EMPLOYED_COUNSELLOR
        )
        cls.peer = make_user("peer@example.org", "Peer Frivillig")
        Membership.objects.create(user=cls.peer, site=cls.family_site, role=Role.PEER_VOLUNTEER)

        cls.secretariat = make_user(
            "sekretariat@example.org", "Sekretariatet", is_secretariat=True, is_staff=True
        )
        cls.viewer_ballerup = make_user("kommune@ballerup.example.org", "Ballerup Kommune")
        MunicipalityViewer.objects.create(user=cls.viewer_ballerup, municipality=cls.ballerup)
        cls.outsider = make_user("outsider@example.org", "Uden Adgang")

    def login(self, user: User) -> None:
        self.client.force_login(user)
