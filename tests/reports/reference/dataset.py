"""A random interchange dataset full of the cases the figure definitions must get right:
same-day contacts (ties broken by code), codes whose string order differs from insertion order,
empty cells, ages outside 12-25, young people at several sites and at the chat."""

import csv
import random
from pathlib import Path

YOUTH_THEMES = ["anxiety", "stress", "loneliness", "grief", "self_harm", "other"]
FAMILY_THEMES = [
    "relational_family",
    "emotional",
    "parenting",
    "everyday_life",
    "family_conflict",
    "other",
]
DESTINATIONS = ["headspace_centre", "gp", "psychologist", "municipal", "other_offer"]
YOUTH_METHODS = [
    "made_aware_new",
    "made_aware_known",
    "helped_contact",
    "accompanied",
    "support_person",
]
FAMILY_METHODS = ["made_aware", "helped_contact", "other"]
RELATIONS = ["parent", "grandparent", "other_adult", "sibling", "friend", "partner", "other"]
CHANNELS = ["in_person", "phone", "video", "chat", "mail", "sms", "other", ""]
EDUCATION = ["in_education", "in_education_sick_leave", "employed", "neither", "unknown", ""]
DROPOUT = ["none", "low", "some", "high", "unknown", ""]

SITES = [
    # code, name, kind, municipality, hub
    ("c-ballerup", "Ballerup", "centre", "151", ""),
    ("b-fureso", "Furesø", "satellite", "190", "c-ballerup"),
    ("a-kbh", "København", "centre", "101", ""),
    ("z-chat", "Chat", "chat", "", ""),
    ("f-aarhus", "Family Aarhus", "family", "751", ""),
    ("f-holbaek", "Family Holbæk", "family", "316", ""),
]
YEARS = (2024, 2025)


def _code(rng: random.Random, prefix: str, n: int) -> str:
    # Mixed case and lengths, so string order is not numeric or insertion order.
    return f"{rng.choice([prefix, prefix.lower()])}{rng.randint(0, 10 * n)}-{n}"


def _date(rng: random.Random) -> str:
    year = rng.choice((*YEARS, 2023))
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 3):02d}"  # few days: many ties


def _subset(rng: random.Random, codes: list[str], most: int = 3) -> str:
    return ";".join(rng.sample(codes, rng.randint(0, most)))


def write(path: Path, name: str, header: list[str], rows: list[list]) -> None:
    with (path / name).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def make_dataset(path: Path, *, seed: int, youth: int = 70, contacts: int = 500) -> None:
    rng = random.Random(seed)
    path.mkdir(parents=True, exist_ok=True)
    write(
        path,
        "sites.csv",
        ["site_code", "name", "kind", "municipality_code", "hub_site_code", "opened_on"],
        [[c, n, k, m, h, "2020-01-01"] for c, n, k, m, h in SITES],
    )
    youth_codes = [f"Y{rng.randint(0, 99)}-{i}" for i in range(youth)]
    write(
        path,
        "youth.csv",
        ["youth_code", "gender", "residence_municipality_code"],
        [
            [
                y,
                rng.choice(["female", "male", "other", "unknown", ""]),
                rng.choice(["151", "190", "101", ""]),
            ]
            for y in youth_codes
        ],
    )
    youth_sites = ["c-ballerup", "b-fureso", "a-kbh", "z-chat"]
    contact_rows = []
    for i in range(contacts):
        bridged = rng.random() < 0.3
        contact_rows.append(
            [
                _code(rng, "C", i),
                rng.choice(youth_codes),
                rng.choice(youth_sites),
                _date(rng),
                rng.choice(["counselling", "group", ""]),
                rng.choice(CHANNELS),
                rng.choice(
                    [
                        "",
                        "9",
                        "12",
                        "14",
                        "15",
                        "16",
                        "17",
                        "18",
                        "19",
                        "20",
                        "21",
                        "23",
                        "24",
                        "25",
                        "26",
                        "40",
                    ]
                ),
                rng.choice(EDUCATION),
                rng.choice(DROPOUT),
                rng.choice(["", "30", "45"]),
                _subset(rng, YOUTH_THEMES),
                rng.choice(["", "", "", *RELATIONS]),
                "1" if bridged else "0",
                _subset(rng, YOUTH_METHODS, 2) if bridged else "",
                _subset(rng, DESTINATIONS, 2) if bridged else "",
            ]
        )
    write(
        path,
        "contacts.csv",
        [
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
        contact_rows,
    )
    write(
        path,
        "outreach.csv",
        ["activity_code", "site_code", "date", "kind", "short_contacts"],
        [
            [f"O{i}", rng.choice(youth_sites[:3]), _date(rng), "school", rng.randint(0, 40)]
            for i in range(20)
        ],
    )
    responses = []
    for row in contact_rows:
        if rng.random() < 0.6:
            for item in rng.sample(
                ["relationship", "goals_topics", "approach_method", "overall"], rng.randint(0, 4)
            ):
                responses.append([row[0], "session_rating", item, rng.randint(1, 10)])
            if rng.random() < 0.7:
                responses.append([row[0], "helped", "helped", rng.randint(1, 5)])
            if rng.random() < 0.7:
                responses.append([row[0], "self_efficacy", "self_efficacy", rng.randint(1, 5)])
    write(path, "responses.csv", ["contact_code", "instrument", "item", "value"], responses)
    relatives = [[f"R{rng.randint(0, 9)}-{i}", rng.choice(RELATIONS)] for i in range(30)]
    write(path, "relatives.csv", ["relative_code", "relation"], relatives)
    conversations = []
    for i in range(120):
        bridged = rng.random() < 0.3
        conversations.append(
            [
                _code(rng, "F", i),
                rng.choice(["f-aarhus", "f-holbaek"]),
                _date(rng),
                rng.choice(["relative", "family_without_youth", "family_with_youth"]),
                rng.choice(CHANNELS),
                ";".join(r[0] for r in rng.sample(relatives, rng.randint(1, 3))),
                rng.choice(["0", "1"]),
                _subset(rng, FAMILY_THEMES),
                "1" if bridged else "0",
                rng.choice(["relative", "family", "youth"]) if bridged else "",
                _subset(rng, FAMILY_METHODS, 2) if bridged else "",
                _subset(rng, DESTINATIONS, 2) if bridged else "",
            ]
        )
    write(
        path,
        "family_conversations.csv",
        [
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
        conversations,
    )
    write(
        path,
        "relative_inquiries.csv",
        ["inquiry_code", "site_code", "date", "relation", "reason"],
        [
            [
                f"H{i}",
                rng.choice(["f-aarhus", "f-holbaek", "c-ballerup"]),
                _date(rng),
                rng.choice(["", *RELATIONS]),
                rng.choice(
                    ["family_matters", "worry_mental_health", "family_programme_info", "other", ""]
                ),
            ]
            for i in range(40)
        ],
    )
