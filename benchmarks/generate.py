"""Write a national dataset in interchange format v1 (docs/interchange-format.md).

At scale 1: 30 sites (centres, satellites with their hubs, the chat, two Family sites),
10 years, about 900,000 contacts, 300,000 young people and 2.5 million answers, plus outreach,
relatives, Family conversations and relatives' inquiries. Deterministic for a seed; rows
are streamed to the CSV files, so memory stays flat whatever the scale.

    python -m benchmarks.generate OUT_DIR [--scale 0.1] [--seed 1] [--last-day YYYY-MM-DD]

By default the ten years are 2016-2025, so the report benchmark's figures stay reproducible.
`--last-day` ends them on that day instead (e.g. today, for the web benchmark: the running
server cannot pretend it is 2025, and the dashboard's windows look back from today).
"""

import argparse
import csv
import datetime as dt
import itertools
import random
import sys
import time
from pathlib import Path

MUNICIPALITIES = Path(__file__).resolve().parent.parent / "frirum/sites/data/municipalities.csv"

FIRST_YEAR = 2016
YEARS = 10
YOUTH = 300_000
# Share of young people by kind of site: the chat is big but its users come less often.
CHAT_YOUTH_SHARE = 0.3

# Centres (municipality code, relative size) and satellites (code, hub code).
CENTRES = (
    ("101", 10), ("751", 7), ("461", 5), ("851", 5), ("147", 3), ("561", 3), ("621", 3),
    ("630", 3), ("791", 2), ("615", 2), ("657", 2), ("151", 2), ("175", 2), ("157", 2),
    ("159", 2), ("217", 2), ("265", 2), ("370", 2), ("540", 2), ("740", 2),
)  # fmt: skip
SATELLITES = (
    ("190", "151"), ("161", "175"), ("165", "175"), ("727", "751"), ("450", "461"),
    ("813", "851"), ("710", "751"),
)  # fmt: skip
FAMILY_SITES = ("751", "101")

COURSE_LENGTH = {
    (1, 1): 40, (2, 2): 20, (3, 3): 12, (4, 4): 8, (5, 6): 8, (7, 10): 7, (11, 20): 4,
    (21, 40): 1,
}  # fmt: skip
CHAT_COURSE_LENGTH = {(1, 1): 55, (2, 2): 22, (3, 4): 13, (5, 8): 8, (9, 15): 2}
GAP_DAYS = (7, 7, 7, 14, 14, 3, 10, 21, 35)
GENDER = {"female": 65, "male": 30, "other": 3, "unknown": 2}
AGE = {
    11: 1, 12: 4, 13: 6, 14: 7, 15: 9, 16: 10, 17: 10, 18: 10, 19: 9, 20: 8, 21: 6, 22: 5,
    23: 4, 24: 3, 25: 3, 26: 2, 28: 1,
}  # fmt: skip
CHANNEL = {"in_person": 85, "phone": 6, "video": 5, "mail": 1, "sms": 2, "other": 1}
EDUCATION = {
    "in_education": 76,
    "in_education_sick_leave": 5,
    "employed": 7,
    "neither": 6,
    "unknown": 4,
    "": 2,
}
DROPOUT = {"none": 45, "low": 33, "some": 13, "high": 6, "unknown": 3}
THEMES = {
    "anxiety": 20, "family_friends_conflict": 15, "stress": 14, "loneliness": 14,
    "sadness_depression": 12, "self_esteem": 11, "education_work": 10, "love_relationships": 6,
    "grief": 5, "body_eating": 4, "sexuality_gender": 3, "bullying": 3, "self_harm": 3,
    "practical_matters": 3, "diagnosis": 3, "suicidal_thoughts": 2, "violence_abuse": 2,
    "substance_use": 2, "other": 2,
}  # fmt: skip
METHODS = {
    "made_aware_new": 35,
    "made_aware_known": 20,
    "helped_contact": 25,
    "accompanied": 8,
    "support_person": 5,
}
DESTINATIONS = {
    "gp": 20, "psychologist": 18, "municipal": 15, "civil_society": 12, "psychiatry": 10,
    "education_guidance": 10, "other_offer": 8, "job_centre": 4, "headspace_centre": 3,
}  # fmt: skip
RELATIONS = ("parent", "grandparent", "other_adult", "sibling", "friend", "partner", "other")
RELATION_WEIGHTS = (70, 8, 6, 8, 3, 3, 2)
BRIDGED = 0.18
RELATIVE_PRESENT = 0.04
# Answered contacts x 6 answers (4 session rating, helped, self-efficacy) = about 2.5 million.
ANSWERED = 0.46
SESSION_ITEMS = ("relationship", "goals_topics", "approach_method", "overall")
OUTREACH_PER_SITE_YEAR = 20
OUTREACH_KIND = ("school", "youth_education", "club", "event", "other")
FAMILY_GROUPS_PER_SITE_YEAR = 80
INQUIRIES_PER_SITE_YEAR = 70
FAMILY_THEMES = (
    "relational_family",
    "emotional",
    "parenting",
    "everyday_life",
    "family_conflict",
    "other",
)

HEADERS = {
    "sites.csv": [
        "site_code",
        "name",
        "kind",
        "municipality_code",
        "hub_site_code",
        "opened_on",
    ],
    "youth.csv": ["youth_code", "gender", "residence_municipality_code"],
    "contacts.csv": [
        "contact_code",
        "youth_code",
        "site_code",
        "date",
        "kind",
        "channel",
        "age",
        "education_status",
        "dropout_risk",
        "duration_minutes",
        "themes",
        "relative_present",
        "bridged",
        "bridging_methods",
        "bridging_destinations",
    ],
    "outreach.csv": ["activity_code", "site_code", "date", "kind", "short_contacts"],
    "responses.csv": ["contact_code", "instrument", "item", "value"],
    "relatives.csv": ["relative_code", "relation"],
    "family_conversations.csv": [
        "conversation_code",
        "site_code",
        "date",
        "kind",
        "channel",
        "relative_codes",
        "peer_volunteer",
        "themes",
        "bridged",
        "bridged_for",
        "bridging_methods",
        "bridging_destinations",
    ],
    "relative_inquiries.csv": ["inquiry_code", "site_code", "date", "relation", "reason"],
}


class Draw:
    """Fast weighted draws: cumulative weights computed once per distribution."""

    def __init__(self, rng: random.Random, weights: dict):
        self.rng = rng
        self.keys = list(weights)
        self.cum = list(itertools.accumulate(weights.values()))

    def __call__(self):
        return self.rng.choices(self.keys, cum_weights=self.cum)[0]

    def distinct(self, k: int) -> list:
        picked = []
        while len(picked) < k:
            key = self()
            if key not in picked:
                picked.append(key)
        return picked


def municipality_names() -> dict[str, str]:
    with MUNICIPALITIES.open(encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def site_rows() -> list[dict]:
    names = municipality_names()
    rows = []
    for index, (code, size) in enumerate(CENTRES):
        rows.append(
            {
                "site_code": f"S{code}",
                "name": f"headspace {names[code]}",
                "kind": "centre",
                "municipality_code": code,
                "hub_site_code": "",
                "opened_on": dt.date(2010 + index % 6, 1 + index % 12, 1),
                "size": size,
            }
        )
    for index, (code, hub) in enumerate(SATELLITES):
        rows.append(
            {
                "site_code": f"S{code}",
                "name": f"headspace {names[code]}",
                "kind": "satellite",
                "municipality_code": code,
                "hub_site_code": f"S{hub}",
                "opened_on": dt.date(2015 + index % 3, 3, 1),
                "size": 1,
            }
        )
    rows.append(
        {
            "site_code": "CHAT",
            "name": "headspace chat",
            "kind": "chat",
            "municipality_code": "",
            "hub_site_code": "",
            "opened_on": dt.date(2015, 4, 12),
            "size": 0,
        }
    )
    for code in FAMILY_SITES:
        rows.append(
            {
                "site_code": f"F{code}",
                "name": f"headspace Family {names[code]}",
                "kind": "family",
                "municipality_code": code,
                "hub_site_code": "",
                "opened_on": dt.date(2015, 5, 1),
                "size": 0,
            }
        )
    return rows


def _writer(out: Path, name: str):
    handle = (out / name).open("w", encoding="utf-8", newline="")
    writer = csv.writer(handle)
    writer.writerow(HEADERS[name])
    return handle, writer


def period(last_day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First day and the day after the last of the YEARS years the data covers."""
    if last_day is None:
        return dt.date(FIRST_YEAR, 1, 1), dt.date(FIRST_YEAR + YEARS, 1, 1)
    end = last_day + dt.timedelta(days=1)
    try:
        start = end.replace(year=end.year - YEARS)
    except ValueError:  # 29 February: the years start on 1 March
        start = dt.date(end.year - YEARS, 3, 1)
    return start, end


def generate(
    out: Path, *, scale: float = 1.0, seed: int = 1, last_day: dt.date | None = None
) -> dict[str, int]:
    """Write the dataset to `out` (created); returns rows per file."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    counts = dict.fromkeys(HEADERS, 0)
    start, end = period(last_day)
    days = (end - start).days
    names = municipality_names()
    all_municipalities = list(names)

    sites = site_rows()
    handle, writer = _writer(out, "sites.csv")
    for row in sites:
        writer.writerow([row[h] for h in HEADERS["sites.csv"]])
    handle.close()
    counts["sites.csv"] = len(sites)

    youth_sites = [s for s in sites if s["kind"] in ("centre", "satellite")]
    site_draw = Draw(rng, {s["site_code"]: s["size"] for s in youth_sites})
    local = {s["site_code"]: s["municipality_code"] for s in youth_sites}
    gender, age, channel = Draw(rng, GENDER), Draw(rng, AGE), Draw(rng, CHANNEL)
    education, dropout = Draw(rng, EDUCATION), Draw(rng, DROPOUT)
    themes, methods = Draw(rng, THEMES), Draw(rng, METHODS)
    destinations = Draw(rng, DESTINATIONS)
    lengths, chat_lengths = Draw(rng, COURSE_LENGTH), Draw(rng, CHAT_COURSE_LENGTH)
    relation = Draw(rng, dict(zip(RELATIONS, RELATION_WEIGHTS, strict=True)))

    files = {name: _writer(out, name) for name in ("youth.csv", "contacts.csv", "responses.csv")}
    youth_w, contact_w, response_w = (files[n][1] for n in files)
    contact_number = 0
    total_youth = max(1, round(YOUTH * scale))
    for number in range(total_youth):
        youth_code = f"Y{number:07d}"
        is_chat = rng.random() < CHAT_YOUTH_SHARE
        site_code = "CHAT" if is_chat else site_draw()
        if rng.random() < 0.04:
            residence = ""
        elif is_chat or rng.random() > 0.8:
            residence = rng.choice(all_municipalities)
        else:
            residence = local[site_code]
        youth_w.writerow([youth_code, gender(), residence])
        date = start + dt.timedelta(days=rng.randrange(days))
        low, high = chat_lengths() if is_chat else lengths()
        first_age = age()
        status = education()
        risk = dropout() if status.startswith("in_education") else ""
        course_themes = themes.distinct(rng.randint(2, 4))
        self_efficacy = rng.choice((1, 2, 3, 3, 3, 4, 4, 4, 5, 5))
        first_date = date
        for _ in range(rng.randint(low, high)):
            if date >= end:
                break
            contact_number += 1
            contact_code = f"C{contact_number:08d}"
            bridged = rng.random() < BRIDGED
            contact_channel = "chat" if is_chat else channel()
            present = (
                relation() if contact_channel == "in_person" and rng.random() < RELATIVE_PRESENT
                else ""
            )  # fmt: skip
            contact_w.writerow(
                [
                    contact_code,
                    youth_code,
                    site_code,
                    date.isoformat(),
                    "counselling",
                    contact_channel,
                    first_age + (date - first_date).days // 365,
                    status,
                    risk,
                    rng.randint(20, 60),
                    ";".join(rng.sample(course_themes, min(len(course_themes), rng.randint(1, 3)))),
                    present,
                    "1" if bridged else "0",
                    ";".join(methods.distinct(rng.choice((1, 1, 2)))) if bridged else "",
                    ";".join(destinations.distinct(rng.choice((1, 1, 2)))) if bridged else "",
                ]
            )
            if rng.random() < 0.3:
                self_efficacy = max(1, self_efficacy - 1)
            if rng.random() < ANSWERED:
                mean = 8.5 + rng.gauss(0, 0.8)
                for item in SESSION_ITEMS:
                    value = max(1, min(10, round(rng.gauss(mean, 0.9))))
                    response_w.writerow([contact_code, "session_rating", item, value])
                helped = rng.choices((1, 2, 3, 4, 5), cum_weights=(2, 8, 25, 62, 100))[0]
                response_w.writerow([contact_code, "helped", "helped", helped])
                response_w.writerow([contact_code, "self_efficacy", "self_efficacy", self_efficacy])
                counts["responses.csv"] += 6
            date += dt.timedelta(days=rng.choice(GAP_DAYS))
        counts["youth.csv"] += 1
    counts["contacts.csv"] = contact_number
    for handle, _unused in files.values():
        handle.close()

    _outreach(out, rng, youth_sites, start, days, scale, counts)
    _family(out, rng, sites, start, end, scale, counts, relation)
    return counts


def _outreach(out, rng, youth_sites, start, days, scale, counts) -> None:
    handle, writer = _writer(out, "outreach.csv")
    total = round(len(youth_sites) * YEARS * OUTREACH_PER_SITE_YEAR * scale)
    for number in range(total):
        site = rng.choice(youth_sites)["site_code"]
        date = start + dt.timedelta(days=rng.randrange(days))
        writer.writerow(
            [
                f"O{number:07d}",
                site,
                date.isoformat(),
                rng.choice(OUTREACH_KIND),
                rng.randint(3, 60),
            ]
        )
    counts["outreach.csv"] = total
    handle.close()


def _family(out, rng, sites, start, end, scale, counts, relation) -> None:
    days = (end - start).days
    family_sites = [s["site_code"] for s in sites if s["kind"] == "family"]
    centres = [s["site_code"] for s in sites if s["kind"] == "centre"]
    rel_h, rel_w = _writer(out, "relatives.csv")
    conv_h, conv_w = _writer(out, "family_conversations.csv")
    groups = round(len(family_sites) * YEARS * FAMILY_GROUPS_PER_SITE_YEAR * scale)
    relative_number = conversation_number = 0
    for _ in range(groups):
        site = rng.choice(family_sites)
        family = []
        for _member in range(rng.choice((1, 1, 1, 2, 2, 3))):
            relative_number += 1
            code = f"R{relative_number:07d}"
            rel_w.writerow([code, "parent" if not family else relation()])
            family.append(code)
        date = start + dt.timedelta(days=rng.randrange(days))
        for _meeting in range(rng.choice((1, 1, 2, 2, 3, 4, 6))):
            if date >= end:
                break
            conversation_number += 1
            kind = (
                rng.choices(
                    ("relative", "family_without_youth", "family_with_youth"),
                    cum_weights=(65, 82, 100),
                )[0]
                if len(family) > 1
                else "relative"
            )
            present = [rng.choice(family)] if kind == "relative" else family
            bridged = rng.random() < 0.25
            conv_w.writerow(
                [
                    f"FC{conversation_number:07d}",
                    site,
                    date.isoformat(),
                    kind,
                    rng.choice(("in_person", "in_person", "in_person", "phone", "video")),
                    ";".join(present),
                    "1" if rng.random() < 0.45 else "0",
                    ";".join(rng.sample(FAMILY_THEMES, rng.randint(1, 3))),
                    "1" if bridged else "0",
                    rng.choice(("relative", "family", "youth")) if bridged else "",
                    rng.choice(("made_aware", "helped_contact", "other")) if bridged else "",
                    rng.choice(("headspace_centre", "psychologist", "gp")) if bridged else "",
                ]
            )
            date += dt.timedelta(days=rng.choice((7, 14, 21, 28)))
    counts["relatives.csv"] = relative_number
    counts["family_conversations.csv"] = conversation_number
    rel_h.close()
    conv_h.close()

    handle, writer = _writer(out, "relative_inquiries.csv")
    total = round(len(family_sites) * YEARS * INQUIRIES_PER_SITE_YEAR * scale)
    reasons = ("worry_mental_health", "family_matters", "family_programme_info", "other")
    for number in range(total):
        site = rng.choice(family_sites) if rng.random() < 0.8 else rng.choice(centres)
        date = start + dt.timedelta(days=rng.randrange(days))
        writer.writerow([f"H{number:07d}", site, date.isoformat(), relation(), rng.choice(reasons)])
    counts["relative_inquiries.csv"] = total
    handle.close()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the CSV files to")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--last-day",
        type=dt.date.fromisoformat,
        help=f"end the {YEARS} years on this day (default: {FIRST_YEAR}-{FIRST_YEAR + YEARS - 1})",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    counts = generate(args.out, scale=args.scale, seed=args.seed, last_day=args.last_day)
    for name, count in counts.items():
        print(f"{name:<28} {count:>10,}")
    print(f"written to {args.out} in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
