"""The report figures computed again, straight from the dataset's CSV files, by a second
reading of docs/interchange-format.md: plain Python over rows, written apart from
frirum.reports.figures so the two can check each other (as the outside tests will)."""

import csv
from collections import Counter, defaultdict
from pathlib import Path

AGE_BANDS = [
    (None, 11, "<12"),
    (12, 14, "12-14"),
    (15, 16, "15-16"),
    (17, 18, "17-18"),
    (19, 20, "19-20"),
    (21, 23, "21-23"),
    (24, 25, "24-25"),
    (26, None, ">25"),
]


def read(path: Path, name: str) -> list[dict]:
    file = path / name
    if not file.exists():
        return []
    with file.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def codes(cell: str) -> list[str]:
    return [c for c in cell.split(";") if c]


def shares(counter: Counter, total: int) -> dict:
    return {k: (v / total if total else 0.0) for k, v in counter.items()}


def age_band(age: str) -> str:
    if age == "":
        return "unknown"
    n = int(age)
    for low, high, key in AGE_BANDS:
        if (low is None or n >= low) and (high is None or n <= high):
            return key
    raise AssertionError(age)


def category(value: int) -> str:
    return "high" if value <= 2 else "middle" if value == 3 else "low"


class Dataset:
    def __init__(self, path: Path):
        self.sites = {r["site_code"]: r for r in read(path, "sites.csv")}
        self.youth = {r["youth_code"]: r for r in read(path, "youth.csv")}
        self.contacts = read(path, "contacts.csv")
        self.outreach = read(path, "outreach.csv")
        self.answers = defaultdict(list)  # contact_code -> [(instrument, item, value)]
        for r in read(path, "responses.csv"):
            self.answers[r["contact_code"]].append((r["instrument"], r["item"], int(r["value"])))
        self.relatives = {r["relative_code"]: r for r in read(path, "relatives.csv")}
        self.conversations = read(path, "family_conversations.csv")
        self.inquiries = read(path, "relative_inquiries.csv")
        self.until = None  # a date: every year ends that day of the year (partial years)

    # -- young people -------------------------------------------------------------------
    def _youth_figures(self, contacts: list[dict], *, outreach: list[dict]) -> dict:
        by_youth = defaultdict(list)
        for c in contacts:
            by_youth[c["youth_code"]].append(c)
        personal = len(by_youth)
        firsts = [min(cs, key=lambda c: (c["date"], c["contact_code"])) for cs in by_youth.values()]
        residence = Counter(
            self.youth[f["youth_code"]]["residence_municipality_code"] or "unknown" for f in firsts
        )
        gender = Counter(self.youth[f["youth_code"]]["gender"] or "unknown" for f in firsts)
        ages = Counter(age_band(f["age"]) for f in firsts)
        education = Counter(f["education_status"] or "unknown" for f in firsts)
        total = len(contacts)
        bridged = [c for c in contacts if c["bridged"] == "1"]
        answered = [c for c in contacts if self.answers.get(c["contact_code"])]
        ratings = defaultdict(list)
        helped = Counter()
        for c in contacts:
            for instrument, item, value in self.answers.get(c["contact_code"], []):
                if instrument == "session_rating":
                    ratings[item].append(value)
                elif instrument == "helped":
                    helped[str(value)] += 1
        return {
            "youth": {
                "personal": personal,
                "short_contacts": sum(int(o["short_contacts"]) for o in outreach),
                "residence": shares(residence, personal),
                "gender": shares(gender, personal),
                "age_at_first": shares(ages, personal),
                "education": shares(education, personal),
            },
            "contacts": {
                "total": total,
                "per_youth": total / personal if personal else 0.0,
                "by_channel": dict(Counter(c["channel"] or "unknown" for c in contacts)),
                "by_kind": dict(Counter(c["kind"] or "counselling" for c in contacts)),
            },
            "themes": shares(Counter(t for c in contacts for t in codes(c["themes"])), total),
            "bridging": {
                "contacts": len(bridged),
                "share": len(bridged) / total if total else 0.0,
                "methods": shares(
                    Counter(m for c in bridged for m in codes(c["bridging_methods"])), len(bridged)
                ),
                "destinations": shares(
                    Counter(d for c in bridged for d in codes(c["bridging_destinations"])),
                    len(bridged),
                ),
            },
            "feedback": {
                "responses": len(answered),
                "session_rating_mean": {item: sum(v) / len(v) for item, v in ratings.items()},
                "helped": shares(helped, sum(helped.values())),
            },
            "outcomes": {"self_efficacy": self._self_efficacy(contacts)},
        }

    def _self_efficacy(self, contacts: list[dict]) -> dict:
        courses = defaultdict(list)
        for c in contacts:
            values = [
                v for i, _item, v in self.answers.get(c["contact_code"], []) if i == "self_efficacy"
            ]
            if values:
                courses[(c["youth_code"], c["site_code"])].append(
                    (c["date"], c["contact_code"], values[0])
                )
        counted = [sorted(cs) for cs in courses.values() if len(cs) >= 2]
        first = Counter(category(cs[0][2]) for cs in counted)
        latest = Counter(category(cs[-1][2]) for cs in counted)
        return {
            "courses": len(counted),
            "first": shares(first, len(counted)),
            "latest": shares(latest, len(counted)),
        }

    def _in_year(self, rows: list[dict], year: int) -> list[dict]:
        # ISO dates compare as text; `until` (set by the caller) ends an unfinished year.
        until = self.until.isoformat() if self.until else "9999"
        return [r for r in rows if r["date"].startswith(f"{year}-") and r["date"] <= until]

    def annual(self, site_code: str, year: int) -> dict:
        site = self.sites[site_code]
        contacts = [c for c in self._in_year(self.contacts, year) if c["site_code"] == site_code]
        outreach = [o for o in self._in_year(self.outreach, year) if o["site_code"] == site_code]
        result = self._youth_figures(contacts, outreach=outreach)
        chat_resident = {
            c["youth_code"]
            for c in self._in_year(self.contacts, year)
            if self.sites[c["site_code"]]["kind"] == "chat"
            and site["municipality_code"]
            and self.youth[c["youth_code"]]["residence_municipality_code"]
            == site["municipality_code"]
        }
        youth = result["youth"]
        youth["chat_resident"] = len(chat_resident)
        youth["total"] = youth["personal"] + youth["short_contacts"] + youth["chat_resident"]
        return result

    def national(self, year: int) -> dict:
        in_year = self._in_year(self.contacts, year)
        contacts = [c for c in in_year if self.sites[c["site_code"]]["kind"] != "chat"]
        outreach = [
            o
            for o in self._in_year(self.outreach, year)
            if self.sites[o["site_code"]]["kind"] != "chat"
        ]
        result = self._youth_figures(contacts, outreach=outreach)
        youth = result["youth"]
        youth["chat"] = len(
            {c["youth_code"] for c in in_year if self.sites[c["site_code"]]["kind"] == "chat"}
        )
        youth["total"] = youth["personal"] + youth["short_contacts"] + youth["chat"]
        return result

    # -- Family -------------------------------------------------------------------------
    def family(self, year: int, site_code: str | None = None) -> dict:
        def here(rows):
            return [
                r
                for r in self._in_year(rows, year)
                if site_code is None or r["site_code"] == site_code
            ]

        conversations = here(self.conversations)
        first_of = {}
        for fc in sorted(self.conversations, key=lambda r: (r["date"], r["conversation_code"])):
            for rel in codes(fc["relative_codes"]):
                first_of.setdefault(rel, fc["conversation_code"])
        taking_part = Counter(rel for fc in conversations for rel in codes(fc["relative_codes"]))
        n = len(conversations)
        first_meetings = [
            fc
            for fc in conversations
            if any(first_of[r] == fc["conversation_code"] for r in codes(fc["relative_codes"]))
        ]
        bridged = [fc for fc in conversations if fc["bridged"] == "1"]
        themes_by_kind = {}
        for kind in {fc["kind"] for fc in conversations}:
            of_kind = [fc for fc in conversations if fc["kind"] == kind]
            themes_by_kind[kind] = shares(
                Counter(t for fc in of_kind for t in codes(fc["themes"])), len(of_kind)
            )
        inquiries = here(self.inquiries)
        with_relative = [c for c in here(self.contacts) if c["relative_present"]]
        return {
            "relatives": {
                "total": len(taking_part),
                "by_relation": dict(Counter(self.relatives[r]["relation"] for r in taking_part)),
            },
            "conversations": {
                "total": n,
                "by_kind": dict(Counter(fc["kind"] for fc in conversations)),
                "by_channel": dict(Counter(fc["channel"] or "unknown" for fc in conversations)),
                "first_meeting_share": len(first_meetings) / n if n else 0.0,
                "per_relative": sum(taking_part.values()) / len(taking_part)
                if taking_part
                else 0.0,
                "peer_volunteer_share": sum(fc["peer_volunteer"] == "1" for fc in conversations) / n
                if n
                else 0.0,
            },
            "themes": shares(Counter(t for fc in conversations for t in codes(fc["themes"])), n),
            "themes_by_kind": themes_by_kind,
            "bridging": {
                "share": len(bridged) / n if n else 0.0,
                "for": shares(Counter(fc["bridged_for"] for fc in bridged), len(bridged)),
                "methods": shares(
                    Counter(m for fc in bridged for m in codes(fc["bridging_methods"])),
                    len(bridged),
                ),
                "destinations": shares(
                    Counter(d for fc in bridged for d in codes(fc["bridging_destinations"])),
                    len(bridged),
                ),
            },
            "inquiries": {
                "total": len(inquiries),
                "by_relation": dict(Counter(i["relation"] or "unknown" for i in inquiries)),
                "by_reason": shares(
                    Counter(i["reason"] or "unknown" for i in inquiries), len(inquiries)
                ),
            },
            "youth_contacts_with_relative": {
                "total": len(with_relative),
                "by_relation": shares(
                    Counter(c["relative_present"] for c in with_relative), len(with_relative)
                ),
            },
        }
