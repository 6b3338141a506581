"""Every URL of frirum.urls with real ids, and the forms its pages render: the ground the
no-500 property test (test_no_server_errors.py) walks."""

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import timezone

from frirum.bookings.codes import cancel_hash, new_code
from frirum.bookings.models import Booking
from frirum.chat.actions import start_chat
from frirum.chat.models import CannedReply
from frirum.contacts.actions import delete_outreach
from frirum.contacts.models import GroupSession
from frirum.planning.models import Scenario
from frirum.questionnaires.actions import issue_feedback_code
from frirum.sites.models import ClosedDay, OpeningHours, Site
from tests.base import make_contact, make_outreach, make_youth
from tests.directory.factories import make_service
from tests.family.helpers import make_conversation, make_group, make_inquiry, make_relative

# Namespaces that are not Frirum's own code (Django's admin is Django's).
SKIPPED_NAMESPACES = {"admin"}


def url_names() -> set[str]:
    """Every named URL of the project outside the skipped namespaces, as "ns:name"."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns in SKIPPED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


@dataclass
class Dataset:
    """Records at two sites (alpha and beta) and the Family site, one of each kind."""

    kwargs: dict[str, list[dict]] = field(default_factory=dict)


def _roster_records(case) -> dict:
    """A volunteer's path, a shift with someone on it, and calendar tokens (frirum.volunteers,
    frirum.rosters)."""
    from frirum.rosters.models import Assignment, Shift, ShiftTemplate
    from frirum.rosters.profile import new_feed_token
    from frirum.volunteers.models import Step, VolunteerPath

    path = VolunteerPath.objects.create(
        user=case.volunteer_a, site=case.site_a, step=Step.INTRO_COURSE, step_on=dt.date(2025, 1, 1)
    )
    day = timezone.localdate() + dt.timedelta(days=3)
    template = ShiftTemplate.objects.create(site=case.site_a, weekday=day.weekday())
    shift = Shift.objects.create(
        site=case.site_a,
        template=template,
        date=day,
        starts=dt.time(14),
        ends=dt.time(18),
        min_counsellors=2,
        max_counsellors=4,
    )
    assignment = Assignment.objects.create(shift=shift, user=case.a_employed_counsellor)
    return {
        "path": path.pk,
        "template": template.pk,
        "shift": shift.pk,
        "assignment": assignment.pk,
        "token": new_feed_token(user=case.volunteer_a),
        "chief_token": new_feed_token(user=case.chief_a),
    }


def build_dataset(case) -> Dataset:
    """Records for the walk, on top of tests.base.BaseTestCase's people and sites."""
    date = dt.date(2025, 3, 4)
    ids = {}
    for label, site, user in (("a", case.site_a, case.volunteer_a), ("b", case.site_b, None)):
        youth = make_youth(site, nickname=f"Walk{label}")
        contact = make_contact(site, youth, date=date, counsellors=[user] if user else [])
        session = GroupSession.objects.create(site=site, date=date, title="")
        make_contact(site, make_youth(site), date=date, kind="group", group_session=session)
        outreach = make_outreach(site)
        _, code = issue_feedback_code(contact=contact, actor=case.secretariat)
        ids[label] = {
            "site": site.code,
            "youth": youth.code,
            "contact": contact.code,
            "session": session.pk,
            "outreach": outreach.code,
            "feedback": code,
        }
    service = make_service("Walk SSP", owner_site=case.site_a, schedules=[(0, "09:00", "15:00")])
    walk_schedule = service.schedules.get()
    # A deletion the chief can restore (frirum.trash).
    deleted = delete_outreach(actor=case.chief_a, outreach=make_outreach(case.site_a))
    hours = OpeningHours.objects.create(
        site=case.site_a, weekday=1, opens=dt.time(13), closes=dt.time(18)
    )
    closed = ClosedDay.objects.create(site=case.site_a, date=date, reason="Walk")
    Site.objects.filter(pk=case.site_a.pk).update(booking_enabled=True)
    starts = timezone.now() + dt.timedelta(days=2)
    booking = Booking.objects.create(
        site=case.site_a,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        cancel_hash=cancel_hash(new_code()),
    )
    roster = _roster_records(case)
    scenario = Scenario.objects.create(municipality=case.ballerup, start_year=2027)
    chat, _token = start_chat(site=case.chat)
    canned = CannedReply.objects.create(site=case.chat, title="Hej", text="Hej!")
    relative = make_relative(case.family_site)
    group = make_group(case.family_site)
    conversation = make_conversation(case.family_site, [relative], family_group=group)
    inquiry = make_inquiry(case.family_site)
    a, b = ids["a"], ids["b"]
    fam = {
        "conversation": conversation.code,
        "relative": relative.code,
        "group": group.code,
        "inquiry": inquiry.code,
    }
    sites = [{"site_code": "alpha"}, {"site_code": "beta"}, {"site_code": "fam"}]
    fmts = [{"fmt": f} for f in ("csv", "json", "xlsx", "exe")]
    codes = {
        "contacts": [{"code": a["contact"]}, {"code": b["contact"]}],
        "outreach": [{"code": a["outreach"]}, {"code": b["outreach"]}],
        "family:conversation": [{"code": fam["conversation"]}],
        "family:relative": [{"code": fam["relative"]}],
        "family:group": [{"code": fam["group"]}],
        "family:inquiry": [{"code": fam["inquiry"]}],
    }
    kwargs = {
        "core:home": [{}],
        "core:healthz": [{}],
        "core:readyz": [{}],
        "core:anonymity_review": sites,
        "core:anonymity_clear": sites,
        "accounts:login": [{}],
        "accounts:login_code": [{}],
        "accounts:two_factor": [{}],
        "accounts:two_factor_enrol": [{}],
        "accounts:two_factor_codes": [{}],
        "accounts:two_factor_remove": [{}],
        "accounts:password_reset": [{}],
        "accounts:password_reset_done": [{}],
        "accounts:password_reset_confirm": [{"uidb64": "MQ", "token": "set-password"}],
        "accounts:password_reset_complete": [{}],
        "accounts:reset_two_factor": [
            {"site_code": "alpha", "user_id": case.volunteer_a.pk},
            {"site_code": "beta", "user_id": case.volunteer_b.pk},
        ],
        "accounts:logout": [{}],
        "accounts:team": sites,
        "audit:site_log": sites,
        "contacts:dashboard": sites,
        "contacts:contact_list": sites,
        "contacts:contact_create": sites,
        "contacts:contact_detail": codes["contacts"],
        "contacts:contact_edit": codes["contacts"],
        "contacts:contact_delete": codes["contacts"],
        "contacts:group_session_create": sites,
        "contacts:group_session_detail": [{"pk": a["session"]}, {"pk": b["session"]}],
        "contacts:group_session_delete": [{"pk": a["session"]}, {"pk": b["session"]}],
        "contacts:outreach_list": sites,
        "contacts:outreach_create": sites,
        "contacts:outreach_edit": codes["outreach"],
        "contacts:outreach_delete": codes["outreach"],
        "contacts:youth_list": sites,
        "contacts:youth_search": sites,
        "contacts:youth_course": [
            {"site_code": "alpha", "youth_code": a["youth"]},
            {"site_code": "beta", "youth_code": b["youth"]},
        ],
        "contacts:youth_edit": [
            {"site_code": "alpha", "youth_code": a["youth"]},
            {"site_code": "beta", "youth_code": b["youth"]},
        ],
        "contacts:youth_delete": [
            {"site_code": "alpha", "youth_code": a["youth"]},
            {"site_code": "beta", "youth_code": b["youth"]},
        ],
        "family:dashboard": sites,
        "family:peer_volunteers": sites,
        "family:open_bridgings": sites,
        "family:conversation_list": sites,
        "family:conversation_create": sites,
        "family:relative_search": sites,
        "family:relative_list": sites,
        "family:relative_create": sites,
        "family:group_list": sites,
        "family:group_create": sites,
        "family:inquiry_list": sites,
        "family:inquiry_create": sites,
        "family:conversation_detail": codes["family:conversation"],
        "family:conversation_edit": codes["family:conversation"],
        "family:conversation_delete": codes["family:conversation"],
        "family:bridging_followed_up": codes["family:conversation"],
        "family:relative_detail": codes["family:relative"],
        "family:relative_edit": codes["family:relative"],
        "family:relative_delete": codes["family:relative"],
        "family:group_detail": codes["family:group"],
        "family:group_edit": codes["family:group"],
        "family:group_delete": codes["family:group"],
        "family:inquiry_edit": codes["family:inquiry"],
        "family:inquiry_delete": codes["family:inquiry"],
        "questionnaires:start": [{}],
        "questionnaires:thanks": [{}],
        "questionnaires:answer": [{}],
        "questionnaires:old_link": [{"code": a["feedback"]}],
        "questionnaires:issue_code": codes["contacts"],
        "questionnaires:site_instruments": sites,
        "reports:index": [{}],
        "reports:annual": [{"code": "alpha"}, {"code": "beta"}],
        "reports:annual_download": [{"code": "alpha", **f} for f in fmts],
        "reports:national": [{}],
        "reports:national_download": fmts,
        "reports:trends": [{}],
        "reports:family_national": [{}],
        "reports:family_national_download": fmts,
        "reports:family_site": [{"code": "fam"}],
        "reports:family_site_download": [{"code": "fam", **f} for f in fmts],
        "interchange:imports": [{}],
        "interchange:confirm": [{}],
        "interchange:discard": [{}],
        "set_language": [{}],
        "directory:site_entries": sites,
        "directory:search": sites,
        "directory:card": [{"site_code": s["site_code"], "uid": service.uid} for s in sites],
        "directory:verify": [{"site_code": s["site_code"], "uid": service.uid} for s in sites],
        "directory:service_create": sites,
        "directory:service_edit": [
            {"site_code": s["site_code"], "uid": service.uid} for s in sites
        ],
        "directory:hours": [{"site_code": s["site_code"], "uid": service.uid} for s in sites],
        "directory:hours_item": [
            {"site_code": "alpha", "uid": service.uid, "kind": k, "item_uid": walk_schedule.uid}
            for k in ("schedule", "location", "exe")
        ],
        "directory:hours_remove": [
            {"site_code": "alpha", "uid": service.uid, "kind": k, "item_uid": walk_schedule.uid}
            for k in ("schedule", "exe")
        ],
        "directory:figures_national": [{}],
        "directory:exchange": [{}],
        "directory:exchange_download": [{"fmt": f} for f in ("json", "zip", "exe")],
        "directory:figures": [{"code": "alpha"}, {"code": "beta"}, {"code": "fam"}],
        "directory:api_openapi": [{}],
        "directory:api_services": [{}],
        "directory:api_service": [{"uid": service.uid}],
        "directory:api_service_at_locations": [{}],
        "directory:api_taxonomy_terms": [{}],
        "public:index": [{"lang": "da"}, {"lang": "en"}],
        "public:finder": [{"lang": "da"}, {"lang": "en"}],
        "public:site": [
            {"lang": "da", "site_code": "alpha"},
            {"lang": "en", "site_code": "chat"},
            {"lang": "da", "site_code": "fam"},
        ],
        "public:poster": [
            {"lang": "da", "site_code": "alpha"},
            {"lang": "en", "site_code": "chat"},
        ],
        "public:embed": [
            {"lang": "da", "site_code": "alpha"},
            {"lang": "en", "site_code": "fam"},
        ],
        "public:accessibility": [{"lang": "da"}, {"lang": "en"}],
        "bookings:book": [
            {"lang": "da", "site_code": "alpha"},
            {"lang": "en", "site_code": "beta"},
        ],
        "bookings:cancel": [{"lang": "da"}, {"lang": "en"}],
        "bookings:show": [{"lang": "da"}, {"lang": "en"}],
        "bookings:move": [{"lang": "da"}],
        "bookings:calendar": [{"lang": "da"}],
        "bookings:staff_list": sites,
        "bookings:day": sites,
        "bookings:release": [
            {"site_code": "alpha", "pk": booking.pk},
            {"site_code": "beta", "pk": booking.pk},
        ],
        "bookings:not_met": [
            {"site_code": "alpha", "pk": booking.pk},
            {"site_code": "beta", "pk": booking.pk},
        ],
        "chat:youth": [
            {"lang": "da", "site_code": "chat"},
            {"lang": "en", "site_code": "fam"},
            {"lang": "da", "site_code": "alpha"},
        ],
        "chat:desk": [*sites, {"site_code": "chat"}],
        "chat:queue": [*sites, {"site_code": "chat"}],
        "chat:take": [*sites, {"site_code": "chat"}],
        "chat:capacity": [*sites, {"site_code": "chat"}],
        "chat:surge": [*sites, {"site_code": "chat"}],
        "chat:surge_greeting": [*sites, {"site_code": "chat"}],
        "chat:youth_questionnaire": [
            {"lang": "da", "site_code": "chat"},
            {"lang": "en", "site_code": "fam"},
            {"lang": "da", "site_code": "alpha"},
        ],
        "chat:canned_add": [*sites, {"site_code": "chat"}],
        "chat:canned_delete": [{"site_code": "chat", "pk": canned.pk}],
        "chat:risk": [{"chat_id": chat.pk}],
        "chat:end": [{"chat_id": chat.pk}],
        "chat:ban": [{"chat_id": chat.pk}],
        "chat:transfer": [{"chat_id": chat.pk}],
        "chat:take_over": [{"chat_id": chat.pk}],
        "planning:index": [{}],
        "planning:coverage": [{}],
        "planning:coverage_download": [{"fmt": f} for f in ("csv", "json", "xlsx", "exe")],
        "planning:scenario_new": [{}],
        "planning:scenario": [{"pk": scenario.pk}],
        "planning:scenario_edit": [{"pk": scenario.pk}],
        "planning:memo": [{"pk": scenario.pk}],
        "planning:memo_download": [{"pk": scenario.pk, "fmt": f} for f in ("pdf", "docx", "exe")],
        "planning:templates": [{}],
        "planning:site_costs": [{"code": "alpha"}, {"code": "beta"}, {"code": "fam"}],
        "sites:schedule": sites,
        "volunteers:pipeline": sites,
        "volunteers:new": sites,
        "volunteers:volunteer": [
            {"site_code": "alpha", "path_id": roster["path"]},
            {"site_code": "beta", "path_id": roster["path"]},
        ],
        "rosters:month": [*sites, {"site_code": "alpha", "year": 2025, "month": 3}],
        "rosters:shift": [
            {"site_code": "alpha", "shift_id": roster["shift"]},
            {"site_code": "beta", "shift_id": roster["shift"]},
        ],
        "rosters:sign_up": [
            {"site_code": "alpha", "shift_id": roster["shift"]},
            {"site_code": "beta", "shift_id": roster["shift"]},
        ],
        "rosters:change": [
            {"site_code": "alpha", "assignment_id": roster["assignment"], "what": what}
            for what in ("release", "take", "attended", "nonsense")
        ],
        "rosters:templates": sites,
        "rosters:delete_template": [
            {"site_code": "alpha", "template_id": roster["template"]},
            {"site_code": "beta", "template_id": roster["template"]},
        ],
        "rosters:weeks": sites,
        "rosters:hours": sites,
        "rosters:mine": [{}],
        "rosters:my_hours": [{}],
        "rosters:hours_all": [{}],
        "rosters:feed": [{"token": roster["token"]}, {"token": "wrong"}],
        "rosters:site_feed": [
            {"token": roster["chief_token"], "site_code": "alpha"},
            {"token": roster["chief_token"], "site_code": "beta"},
        ],
        "sites:delete_hours": [
            {"site_code": "alpha", "pk": hours.pk},
            {"site_code": "beta", "pk": hours.pk},
        ],
        "sites:delete_closed_day": [
            {"site_code": "alpha", "pk": closed.pk},
            {"site_code": "beta", "pk": closed.pk},
        ],
        "trash:deleted_list": sites,
        "trash:restore_record": [
            {"site_code": "alpha", "pk": deleted.pk},
            {"site_code": "beta", "pk": deleted.pk},
        ],
    }
    return Dataset(kwargs=kwargs)


def malformed_kwargs(kwargs: dict) -> list[dict]:
    """The same URL with each id swapped for one that cannot exist or overflows."""
    variants = []
    for name, value in kwargs.items():
        bad = 10**22 if isinstance(value, int) else "X-NOPE-" + "9" * 30
        variants.append({**kwargs, name: bad})
    return variants


def urls_for(dataset: Dataset, name: str) -> tuple[list[str], list[str]]:
    """The URLs of one name with real ids, and with ids that cannot exist."""
    real, malformed = [], []
    for kwargs in dataset.kwargs.get(name, []):
        real.append(reverse(name, kwargs=kwargs))
        for variant in malformed_kwargs(kwargs):
            try:
                malformed.append(reverse(name, kwargs=variant))
            except NoReverseMatch:
                continue
    return real, malformed


@dataclass
class FormField:
    name: str
    values: list[str]  # what the page offers or filled in (options of a select or checkbox)
    multiple: bool


@dataclass
class FoundForm:
    action: str
    method: str
    fields: dict[str, FormField]

    def filled(self) -> dict[str, list[str]]:
        """The form as the page filled it in: an honest baseline to spoil one field of."""
        return {f.name: f.values[:1] for f in self.fields.values()}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[FoundForm] = []
        self._select: str | None = None
        self._select_multiple = False
        self._textarea: str | None = None

    def _add(self, name: str, value: str | None, multiple: bool = False) -> None:
        if not self.forms or not name:
            return
        fields = self.forms[-1].fields
        entry = fields.setdefault(name, FormField(name, [], multiple))
        entry.multiple = entry.multiple or multiple
        if value is not None:
            entry.values.append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                FoundForm(a.get("action") or "", (a.get("method") or "get").lower(), {})
            )
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                if a.get("name"):
                    self._add(a["name"], a.get("value", ""))
                return
            if kind in ("checkbox", "radio"):
                self._add(a.get("name"), a.get("value", "on"), multiple=kind == "checkbox")
            else:
                self._add(a.get("name"), a.get("value", ""))
        elif tag == "select":
            self._select = a.get("name")
            self._select_multiple = "multiple" in a
            self._add(self._select, None, self._select_multiple)
        elif tag == "option" and self._select:
            self._add(self._select, a.get("value", ""), self._select_multiple)
        elif tag == "textarea":
            self._textarea = a.get("name")
            self._add(self._textarea, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(html: str, page_url: str) -> list[FoundForm]:
    parser = _FormParser()
    parser.feed(html)
    found = []
    for form in parser.forms:
        action = form.action or page_url
        if urlsplit(action).netloc:
            continue  # another host: not ours
        form.action = action
        found.append(form)
    return found


def discover_forms(client: Client, urls: list[str]) -> list[FoundForm]:
    """The forms the pages at urls render for the client's user (GET, as a browser would)."""
    found = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found.extend(forms_in(response.content.decode(), url))
    return found
