"""The demo's staff and volunteers: every role at every kind of site, with training status.

Names are made up. Young people and relatives never get accounts; they are in activity.py
and family.py under pseudonyms.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from frirum.accounts.models import Membership, MunicipalityViewer, Role, User
from frirum.core.demo.base import DEMO_EMAIL_DOMAIN, DemoRandom
from frirum.core.demo.network import SITES, SPECS
from frirum.sites.models import Municipality, Site, SiteKind

FIRST_NAMES = (
    "Anne", "Mette", "Sofie", "Ida", "Emma", "Freja", "Laura", "Maja", "Clara", "Karen",
    "Line", "Nanna", "Sara", "Astrid", "Julie", "Lærke", "Mikkel", "Jonas", "Rasmus", "Anders",
    "Mads", "Kasper", "Peter", "Søren", "Thomas", "Martin", "Emil", "Oliver", "Ahmad", "Yasmin",
    "Fatima", "Omar", "Henrik", "Lone", "Birgitte", "Jesper", "Camilla", "Louise", "Niels", "Signe",
)  # fmt: skip
LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Poulsen", "Johansen", "Møller", "Mortensen", "Holm", "Lund", "Dahl", "Krogh", "Bach",
    "Frost", "Vestergaard", "Mikkelsen", "Kaya", "Ali", "Berg",
)  # fmt: skip

# Role slugs in the demo e-mail addresses (Danish, because the users are).
EMAIL_SLUG = {
    Role.CENTRE_CHIEF: "chef",
    Role.EMPLOYED_COUNSELLOR: "raadgiver",
    Role.VOLUNTEER_COUNSELLOR: "frivillig",
    Role.SECONDED_MUNICIPAL: "kommunal",
    Role.SECONDED_PSYCHIATRY: "psykiatri",
    Role.PEER_VOLUNTEER: "peer",
}

# How many people of each role a site has, by site code (satellites share the hub's chief).
ROSTERS: dict[str, dict[str, int]] = {
    "hs-kobenhavn": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 3,
        Role.VOLUNTEER_COUNSELLOR: 16,
        Role.SECONDED_MUNICIPAL: 2,
        Role.SECONDED_PSYCHIATRY: 1,
    },
    "hs-aarhus": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 2,
        Role.VOLUNTEER_COUNSELLOR: 14,
        Role.SECONDED_MUNICIPAL: 1,
        Role.SECONDED_PSYCHIATRY: 1,
    },
    "hs-ballerup": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 2,
        Role.VOLUNTEER_COUNSELLOR: 10,
        Role.SECONDED_MUNICIPAL: 2,
    },
    "hs-fureso": {Role.VOLUNTEER_COUNSELLOR: 4, Role.SECONDED_MUNICIPAL: 1},
    "hs-rodovre": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 2,
        Role.VOLUNTEER_COUNSELLOR: 11,
        Role.SECONDED_MUNICIPAL: 1,
    },
    "hs-glostrup": {Role.VOLUNTEER_COUNSELLOR: 3, Role.SECONDED_MUNICIPAL: 1},
    "hs-albertslund": {Role.VOLUNTEER_COUNSELLOR: 3, Role.SECONDED_MUNICIPAL: 1},
    "hs-chat": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 2,
        Role.VOLUNTEER_COUNSELLOR: 12,
    },
    "hs-family-aarhus": {
        Role.CENTRE_CHIEF: 1,
        Role.EMPLOYED_COUNSELLOR: 2,
        Role.PEER_VOLUNTEER: 6,
    },
}

SECONDED_HOURS = {Role.SECONDED_MUNICIPAL: (10, 15), Role.SECONDED_PSYCHIATRY: (6, 10)}
# Half-time municipal employee at a satellite (the decision memos' model).
SATELLITE_SECONDED_HOURS = 18


def slug(site_code: str) -> str:
    return site_code.removeprefix("hs-")


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


SECRETARIAT_EMAIL = demo_email("sekretariat")
VIEWER_EMAIL = demo_email("kommune.ballerup")


@dataclass
class Staff:
    # site code -> role -> users, in e-mail order (the first of each is the printed login).
    by_site: dict[str, dict[str, list[User]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    secretariat: User | None = None
    viewer: User | None = None

    def counsellors(self, site_code: str) -> list[User]:
        """People who hold conversations with young people at the site."""
        roles = self.by_site[site_code]
        people = [
            *roles[Role.EMPLOYED_COUNSELLOR],
            *(u for u in roles[Role.VOLUNTEER_COUNSELLOR] if u.counselling_active),
            *roles[Role.SECONDED_MUNICIPAL],
            *roles[Role.SECONDED_PSYCHIATRY],
        ]
        hub = SPECS[site_code].hub
        if hub:
            # The hub's employed counsellors also work the satellite's opening days.
            people += self.by_site[hub][Role.EMPLOYED_COUNSELLOR]
        return people


def _volunteer_training(rng: DemoRandom, number: int, today: dt.date) -> dict:
    if number == 1:
        # The printed volunteer login is fully trained, so the demo shows the full workflow.
        return {
            "intro_course_on": today - dt.timedelta(days=400),
            "side_by_side_count": 6,
            "counselling_active": True,
        }
    stage = rng.weighted({"trained": 75, "in_training": 15, "new": 6, "paused": 4})
    if stage == "new":
        return {"intro_course_on": None, "side_by_side_count": 0, "counselling_active": False}
    if stage == "in_training":
        return {
            "intro_course_on": today - dt.timedelta(days=rng.randint(10, 90)),
            "side_by_side_count": rng.randint(0, 3),
            "counselling_active": False,
        }
    return {
        "intro_course_on": today - dt.timedelta(days=rng.randint(120, 1500)),
        "side_by_side_count": rng.randint(4, 12),
        "counselling_active": stage == "trained",
    }


def create_people(sites: dict[str, Site], rng: DemoRandom, *, today: dt.date, password: str):
    # One hash for everybody: hashing each password would make the demo slow for nothing.
    password_hash = make_password(password)
    names: set[str] = set()

    def new_user(email: str, **fields) -> User:
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names:
                names.add(name)
                break
        return User(email=email, full_name=name, password=password_hash, **fields)

    users: list[User] = []
    memberships: list[tuple[User, str, str, int | None]] = []
    for spec in SITES:
        for role, count in ROSTERS[spec.code].items():
            for number in range(1, count + 1):
                email = staff_email(spec.code, role, number)
                fields = {}
                if role in (Role.VOLUNTEER_COUNSELLOR, Role.PEER_VOLUNTEER):
                    fields = _volunteer_training(rng, number, today)
                user = new_user(email, **fields)
                users.append(user)
                hours = None
                if role in SECONDED_HOURS:
                    hours = (
                        SATELLITE_SECONDED_HOURS
                        if spec.kind == SiteKind.SATELLITE
                        else rng.randint(*SECONDED_HOURS[role])
                    )
                memberships.append((user, spec.code, role, hours))

    secretariat = new_user(SECRETARIAT_EMAIL, is_secretariat=True, is_staff=True, is_superuser=True)
    viewer = new_user(VIEWER_EMAIL)
    users += [secretariat, viewer]
    User.objects.bulk_create(users)
    by_email = {u.email: u for u in User.objects.filter(email__in=[u.email for u in users])}

    staff = Staff(secretariat=by_email[SECRETARIAT_EMAIL], viewer=by_email[VIEWER_EMAIL])
    rows = []
    for user, site_code, role, hours in memberships:
        user = by_email[user.email]
        staff.by_site[site_code][role].append(user)
        rows.append(
            Membership(
                user=user,
                site=sites[site_code],
                role=role,
                hours_per_week=hours,
                started_on=user.intro_course_on or sites[site_code].opened_on,
            )
        )
    # A hub's chief leads its satellites, and one hub counsellor works there too.
    for spec in SITES:
        if spec.hub:
            chief = staff.by_site[spec.hub][Role.CENTRE_CHIEF][0]
            counsellor = staff.by_site[spec.hub][Role.EMPLOYED_COUNSELLOR][0]
            for user, role in ((chief, Role.CENTRE_CHIEF), (counsellor, Role.EMPLOYED_COUNSELLOR)):
                rows.append(
                    Membership(
                        user=user, site=sites[spec.code], role=role, started_on=spec.opened_on
                    )
                )
    Membership.objects.bulk_create(rows)
    MunicipalityViewer.objects.create(
        user=staff.viewer, municipality=Municipality.objects.get(code="151")
    )
    return staff


def staff_email(site_code: str, role: str, number: int) -> str:
    suffix = "" if role == Role.CENTRE_CHIEF else str(number)
    return demo_email(f"{EMAIL_SLUG[role]}{suffix}.{slug(site_code)}")


def first_email(site_code: str, role: str) -> str:
    return staff_email(site_code, role, 1)


def demo_emails() -> list[str]:
    """Every e-mail address the demo creates, so a reset removes exactly those accounts."""
    emails = [SECRETARIAT_EMAIL, VIEWER_EMAIL]
    for site_code, roster in ROSTERS.items():
        for role, count in roster.items():
            emails += [staff_email(site_code, role, n) for n in range(1, count + 1)]
    return emails
