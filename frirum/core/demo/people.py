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
from frirum.volunteers.actions import RECORD_ACCESS_STEPS
from frirum.volunteers.models import PathStep, Qualification, QualificationGrant, VolunteerPath

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
            *(u for u in roles[Role.VOLUNTEER_COUNSELLOR] if u.counsels),
            *roles[Role.SECONDED_MUNICIPAL],
            *roles[Role.SECONDED_PSYCHIATRY],
        ]
        hub = SPECS[site_code].hub
        if hub:
            # The hub's employed counsellors also work the satellite's opening days.
            people += self.by_site[hub][Role.EMPLOYED_COUNSELLOR]
        return people


# A paused volunteer went on leave this many days ago: the roster has them before that only.
ON_LEAVE_DAYS = 45
# A volunteer approved to counsel alone this many days ago, not yet marked active.
APPROVED_DAYS = 7


def _volunteer_training(rng: DemoRandom, number: int, today: dt.date) -> dict:
    """A volunteer's place on the path (frirum.volunteers): the step, when they took the intro
    course, their side-by-side conversations before the register, and whether they counsel."""
    if number == 1:
        # The printed volunteer login is fully trained, so the demo shows the full workflow.
        return {"step": "active", "intro_on": today - dt.timedelta(days=400), "side_by_side": 6}
    stage = rng.weighted({"trained": 72, "in_training": 15, "new": 6, "paused": 4, "left": 3})
    if stage == "new":
        # Applicants and those interviewed, in turn, so both steps have someone waiting.
        return {
            "step": "application" if number % 2 else "interview",
            "intro_on": None,
            "side_by_side": 0,
        }
    if stage == "in_training":
        intro_on = today - dt.timedelta(days=rng.randint(10, 90))
        count = rng.randint(0, 3)
        return {
            "step": "side_by_side" if count == 3 else "intro_course",
            "intro_on": intro_on,
            "side_by_side": count,
        }
    if stage == "left":
        # Left after a year or more of counselling, last year or this: the reports' "left".
        return {
            "intro_on": today - dt.timedelta(days=rng.randint(700, 1500)),
            "side_by_side": rng.randint(4, 12),
            "step": "left",
            "left_on": today - dt.timedelta(days=rng.randint(60, 600)),
        }
    return {
        "intro_on": today - dt.timedelta(days=rng.randint(120, 1500)),
        "side_by_side": rng.randint(4, 12),
        "step": "active" if stage == "trained" else "on_leave",
    }


# The steps of the path before counselling alone, each held by somebody in the demo.
TRAINEE_STEPS = {
    "application": {"intro_on": None, "side_by_side": 0},
    "interview": {"intro_on": None, "side_by_side": 0},
    "intro_course": {"intro_days": 30, "side_by_side": 1},
    "side_by_side": {"intro_days": 60, "side_by_side": 3},
    "approved": {"intro_days": 90, "side_by_side": 5},
}


def _cover_every_step(training: dict[str, dict], today: dt.date) -> None:
    """The draw leaves some steps empty (no one waiting for an interview, say): the chief's
    pipeline should show every step, so the last active volunteers take the missing ones.
    Neither the printed login nor a supervisor is taken."""
    held = {own["step"] for own in training.values()}
    spare = [
        own
        for own in reversed(training.values())
        if own["step"] == "active" and own["number"] > 2 and not own["supervisor"]
    ]
    for step, shape in TRAINEE_STEPS.items():
        if step in held or not spare:
            continue
        own = spare.pop(0)
        intro_days = shape.get("intro_days")
        own.update(
            step=step,
            intro_on=today - dt.timedelta(days=intro_days) if intro_days else None,
            side_by_side=shape["side_by_side"],
        )


def _volunteer_paths(volunteers: list[tuple[User, Site, dict]], today: dt.date) -> None:
    """Each volunteer's path, its steps and the qualifications they bring; the second volunteer
    of a site is supervisor on duty with the qualification about to expire."""
    quals = {q.code: q for q in Qualification.objects.all()}
    paths, steps, grants = [], [], []
    for user, site, training in volunteers:
        intro_on, step = training["intro_on"], training["step"]
        joined = (intro_on or today - dt.timedelta(days=20)) - dt.timedelta(days=30)
        history = [("application", joined)]
        if step != "application":
            history.append(("interview", joined + dt.timedelta(days=10)))
        if intro_on:
            history.append(("intro_course", intro_on))
        if step == "side_by_side":
            history.append(("side_by_side", today - dt.timedelta(days=3)))
        if step == "approved":
            history.append(("side_by_side", today - dt.timedelta(days=20)))
            history.append(("approved", today - dt.timedelta(days=APPROVED_DAYS)))
        if step in ("active", "on_leave", "left"):
            history.append(("approved", intro_on + dt.timedelta(days=60)))
            history.append(("active", intro_on + dt.timedelta(days=60)))
        if step == "on_leave":
            history.append(("on_leave", today - dt.timedelta(days=ON_LEAVE_DAYS)))
        if step == "left":
            history.append(("left", training["left_on"]))
        path = VolunteerPath(
            user=user,
            site=site,
            step=history[-1][0],
            step_on=history[-1][1],
            side_by_side_before=training["side_by_side"],
        )
        paths.append(path)
        steps += [(path, code, on) for code, on in history]
        if intro_on:
            grants.append(
                QualificationGrant(
                    user=user, qualification=quals["intro_course"], granted_on=intro_on, site=site
                )
            )
        if step in ("active", "on_leave", "left"):
            grants.append(
                QualificationGrant(
                    user=user,
                    qualification=quals["approved_counsellor"],
                    granted_on=intro_on + dt.timedelta(days=60),
                    site=site,
                )
            )
        if step == "approved":
            grants.append(
                QualificationGrant(
                    user=user,
                    qualification=quals["approved_counsellor"],
                    granted_on=today - dt.timedelta(days=APPROVED_DAYS),
                    site=site,
                )
            )
        if training.get("supervisor"):
            granted = today - dt.timedelta(days=345)
            grants.append(
                QualificationGrant(
                    user=user,
                    qualification=quals["supervisor_on_duty"],
                    granted_on=granted,
                    expires_on=granted + dt.timedelta(days=365),
                    site=site,
                )
            )
    VolunteerPath.objects.bulk_create(paths)
    PathStep.objects.bulk_create(PathStep(path=p, step=code, on=on) for p, code, on in steps)
    QualificationGrant.objects.bulk_create(grants)


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
    training: dict[str, dict] = {}
    for spec in SITES:
        for role, count in ROSTERS[spec.code].items():
            for number in range(1, count + 1):
                email = staff_email(spec.code, role, number)
                if role in (Role.VOLUNTEER_COUNSELLOR, Role.PEER_VOLUNTEER):
                    training[email] = _volunteer_training(rng, number, today)
                    training[email]["supervisor"] = number == 2
                    training[email]["number"] = number
                user = new_user(email)
                users.append(user)
                hours = None
                if role in SECONDED_HOURS:
                    hours = (
                        SATELLITE_SECONDED_HOURS
                        if spec.kind == SiteKind.SATELLITE
                        else rng.randint(*SECONDED_HOURS[role])
                    )
                memberships.append((user, spec.code, role, hours))

    _cover_every_step(training, today)
    secretariat = new_user(SECRETARIAT_EMAIL, is_secretariat=True, is_staff=True, is_superuser=True)
    viewer = new_user(VIEWER_EMAIL)
    users += [secretariat, viewer]
    User.objects.bulk_create(users)
    by_email = {u.email: u for u in User.objects.filter(email__in=[u.email for u in users])}

    staff = Staff(secretariat=by_email[SECRETARIAT_EMAIL], viewer=by_email[VIEWER_EMAIL])
    rows = []
    volunteers = []
    for user, site_code, role, hours in memberships:
        user = by_email[user.email]
        own = training.get(user.email)
        # Only volunteers past approval counsel on their own in the demo's conversations.
        user.counsels = own is None or own["step"] == "active"
        # The roster has a volunteer who left on no shift from that day (frirum.core.demo.rosters).
        user.left_on = (own or {}).get("left_on")
        if own:
            volunteers.append((user, sites[site_code], own))
        staff.by_site[site_code][role].append(user)
        rows.append(
            Membership(
                user=user,
                site=sites[site_code],
                role=role,
                hours_per_week=hours,
                started_on=(own or {}).get("intro_on") or sites[site_code].opened_on,
                ended_on=(own or {}).get("left_on"),
                # Applicants and those on leave read no records (frirum.volunteers.actions).
                is_active=own is None or own["step"] in RECORD_ACCESS_STEPS,
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
    _volunteer_paths(volunteers, today)
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
