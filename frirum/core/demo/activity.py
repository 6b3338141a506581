"""Young people's courses at the centres, satellites and the chat: conversations with themes,
bridging, counsellors and questionnaire answers, built in memory and written in bulk."""

import datetime as dt
from dataclasses import dataclass, field

from frirum.accounts.models import User
from frirum.contacts.models import Contact, GroupSession
from frirum.core.demo import distributions as d
from frirum.core.demo.base import DemoRandom, Period, next_open_day, scaled
from frirum.core.demo.closed_days import closed_dates
from frirum.core.demo.network import SPECS, open_weekdays, opening_window
from frirum.people.models import Youth
from frirum.sites.models import Municipality, Site, SiteKind


@dataclass
class Rows:
    """Everything to insert, with many-to-many links and answers kept as (contact, value)."""

    youth: list[Youth] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    group_sessions: list[GroupSession] = field(default_factory=list)
    themes: list[tuple[Contact, str]] = field(default_factory=list)
    methods: list[tuple[Contact, str]] = field(default_factory=list)
    destinations: list[tuple[Contact, str]] = field(default_factory=list)
    counsellors: list[tuple[Contact, User]] = field(default_factory=list)
    relatives_present: list[tuple[Contact, str]] = field(default_factory=list)
    # (contact, instrument code, item code, value)
    answers: list[tuple[Contact, str, str, int]] = field(default_factory=list)


@dataclass
class Course:
    """One young person's run of conversations at one site, and what stays the same in it."""

    youth: Youth
    site: Site
    first_date: dt.date
    age_at_first: int
    birthday_offset: int
    education: str
    dropout_risk: str
    themes: list[str]
    counsellor: User | None
    rating_mean: float
    self_efficacy: int
    conversations: int = 0

    def age_on(self, date: dt.date) -> int:
        return self.age_at_first + ((date - self.first_date).days + self.birthday_offset) // 365


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


class ActivityBuilder:
    def __init__(
        self,
        rng: DemoRandom,
        *,
        period: Period,
        scale: float,
        sites: dict[str, Site],
        counsellors: dict[str, list[User]],
    ):
        self.rng = rng
        self.period = period
        self.scale = scale
        self.sites = sites
        self.counsellors = counsellors
        self.rows = Rows()
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.courses: dict[str, list[Course]] = {}

    # Young people ---------------------------------------------------------------------------

    def _residence(self, site: Site) -> Municipality | None:
        rng = self.rng
        if rng.chance(d.UNKNOWN_RESIDENCE):
            return None
        if site.kind == SiteKind.CHAT:
            weights = {
                code: d.CHAT_RESIDENCE.get(code, d.CHAT_RESIDENCE_DEFAULT)
                for code in self.municipalities
            }
            return self.municipalities[rng.weighted(weights)]
        spec = SPECS[site.code]
        if rng.chance(spec.local_share) or not spec.neighbours:
            return site.municipality
        return self.municipalities[rng.choice(spec.neighbours)]

    def _new_course(self, site: Site, first_date: dt.date) -> Course:
        rng = self.rng
        youth = Youth(
            code=rng.pseudonym(),
            nickname=rng.choice(d.NICKNAMES) if rng.chance(d.NICKNAME_SHARE) else "",
            gender=rng.weighted(d.GENDER),
            residence_municipality=self._residence(site),
            registered_at_site=site,
        )
        self.rows.youth.append(youth)
        education = rng.weighted(d.EDUCATION)
        risks = d.DROPOUT_RISK.get(education)
        staff = self.counsellors.get(site.code) or []
        return Course(
            youth=youth,
            site=site,
            first_date=first_date,
            age_at_first=rng.weighted(d.AGE_AT_FIRST),
            birthday_offset=rng.randrange(365),
            education=education,
            dropout_risk=rng.weighted(risks) if risks else "",
            themes=rng.sample_weighted(d.YOUTH_THEMES, rng.randint(2, 4)),
            counsellor=rng.choice(staff) if staff else None,
            rating_mean=rng.gauss(8.5, 0.8),
            self_efficacy=rng.weighted(d.SELF_EFFICACY_START),
        )

    # Conversations --------------------------------------------------------------------------

    def _time(self, site: Site, date: dt.date) -> dt.time | None:
        window = opening_window(site.code, date.weekday())
        if window is None:
            return None
        opens, closes = window
        slots = max(1, (closes.hour - opens.hour) * 2 - 1)
        minutes = opens.hour * 60 + opens.minute + 30 * self.rng.randrange(slots)
        return dt.time(minutes // 60, minutes % 60)

    def _contact(self, course: Course, date: dt.date, channel: str, **fields) -> Contact:
        rng = self.rng
        low, high = d.DURATION[channel]
        contact = Contact(
            code=rng.record_code("C"),
            youth=course.youth,
            site=course.site,
            date=date,
            time=self._time(course.site, date),
            channel=channel,
            age=min(99, course.age_on(date)),
            education_status=course.education,
            dropout_risk=course.dropout_risk,
            duration_minutes=fields.pop("duration_minutes", None) or rng.randint(low, high),
            **fields,
        )
        self.rows.contacts.append(contact)
        return contact

    def _themes(self, contact: Contact, course: Course) -> None:
        count = min(len(course.themes), self.rng.weighted(d.THEMES_PER_CONTACT))
        for code in self.rng.sample(course.themes, count):
            self.rows.themes.append((contact, code))

    def _bridging(self, contact: Contact, course: Course, is_chat: bool) -> None:
        rng = self.rng
        if is_chat:
            probability = d.BRIDGING_CHAT
        elif course.conversations == 1:
            probability = d.BRIDGING_FIRST
        else:
            probability = d.BRIDGING_LATER
        if not rng.chance(probability):
            return
        contact.bridged = True
        for code in rng.sample_weighted(d.YOUTH_BRIDGING_METHODS, rng.choice((1, 1, 2))):
            self.rows.methods.append((contact, code))
        for code in rng.sample_weighted(d.DESTINATIONS, rng.choice((1, 1, 1, 2))):
            self.rows.destinations.append((contact, code))

    def _staff(self, contact: Contact, course: Course) -> None:
        staff = self.counsellors.get(course.site.code) or []
        if not staff or course.counsellor is None:
            return
        team = [course.counsellor]
        # Two counsellors sit in now and then, e.g. when a volunteer is trained side by side.
        if len(staff) > 1 and self.rng.chance(0.3):
            team.append(self.rng.choice([u for u in staff if u != course.counsellor]))
        contact.created_by = team[0]
        self.rows.counsellors.extend((contact, user) for user in team)

    def _feedback(self, contact: Contact, course: Course, is_chat: bool) -> None:
        rng = self.rng
        # Self-efficacy moves between conversations whether or not it was asked.
        if course.conversations > 1:
            if rng.chance(0.3):
                course.self_efficacy = max(1, course.self_efficacy - 1)
            elif rng.chance(0.07):
                course.self_efficacy = min(5, course.self_efficacy + 1)
        if not rng.chance(d.FEEDBACK_CHAT if is_chat else d.FEEDBACK_CENTRE):
            return
        drift = min(0.6, 0.05 * course.conversations)
        for item, offset in d.SESSION_RATING_ITEMS.items():
            value = _clamp(rng.gauss(course.rating_mean + offset + drift, 0.9), 1, 10)
            self.rows.answers.append((contact, "session_rating", item, value))
        self.rows.answers.append((contact, "helped", "helped", rng.weighted(d.HELPED)))
        self.rows.answers.append((contact, "self_efficacy", "self_efficacy", course.self_efficacy))

    def _conversation(self, course: Course, date: dt.date, channel: str) -> Contact:
        rng = self.rng
        course.conversations += 1
        is_chat = course.site.kind == SiteKind.CHAT
        contact = self._contact(course, date, channel)
        if channel == "in_person" and rng.chance(d.RELATIVE_PRESENT):
            relation = rng.weighted(d.RELATIVE_PRESENT_RELATION)
            self.rows.relatives_present.append((contact, relation))
        self._themes(contact, course)
        self._bridging(contact, course, is_chat)
        self._staff(contact, course)
        self._feedback(contact, course, is_chat)
        return contact

    def build_site(self, site: Site) -> None:
        """Courses of young people at one centre, satellite or chat over the whole period."""
        rng = self.rng
        spec = SPECS[site.code]
        weekdays = open_weekdays(site.code)
        # No conversation at the door on a day the site is closed.
        closed = closed_dates(site)
        is_chat = site.kind == SiteKind.CHAT
        lengths = d.CHAT_COURSE_LENGTH if is_chat else d.COURSE_LENGTH
        years = self.period.days / 365
        courses = self.courses.setdefault(site.code, [])
        for _ in range(scaled(spec.youth_per_year * years, self.scale)):
            date = next_open_day(self.period.day(rng), weekdays, closed)
            if date > self.period.end:
                continue
            course = self._new_course(site, date)
            courses.append(course)
            low, high = rng.weighted(lengths)
            for _number in range(rng.randint(low, high)):
                channel = "chat" if is_chat else rng.weighted(d.CHANNEL_CENTRE)
                self._conversation(course, date, channel)
                gap = dt.timedelta(days=rng.weighted(d.GAP_DAYS))
                date = next_open_day(date + gap, weekdays, closed)
                if date > self.period.end:
                    break

    def build_groups(self, site: Site) -> None:
        """Group courses: weekly sessions, each participant a contact of kind `group`."""
        rng = self.rng
        spec = SPECS[site.code]
        courses = self.courses.get(site.code) or []
        if not spec.group_courses_per_year or len(courses) < d.GROUP_SIZE[0]:
            return
        weekdays = open_weekdays(site.code)
        # Every site with groups shows at least one, however small the demo.
        count = scaled(spec.group_courses_per_year * self.period.days / 365, self.scale)
        for _ in range(count):
            theme = rng.choice(list(d.GROUP_COURSES))
            start = next_open_day(self.period.day(rng), weekdays[:1])
            participants = rng.sample(courses, min(len(courses), rng.randint(*d.GROUP_SIZE)))
            for week in range(d.GROUP_SESSIONS):
                date = start + dt.timedelta(days=7 * week)
                if date > self.period.end:
                    break
                session = GroupSession(site=site, date=date, title=d.GROUP_COURSES[theme])
                self.rows.group_sessions.append(session)
                for course in participants:
                    if not rng.chance(d.GROUP_ATTENDANCE):
                        continue
                    course.conversations += 1
                    contact = self._contact(
                        course,
                        date,
                        "in_person",
                        kind="group",
                        group_session=session,
                        duration_minutes=90,
                    )
                    self.rows.themes.append((contact, theme))
                    self._staff(contact, course)
                    self._feedback(contact, course, is_chat=False)
