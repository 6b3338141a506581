"""The shapes of the demo data, taken from the network's own reports (see the seeds)."""

# Conversations per young person at a centre: mean about 2.4, with a long tail of courses
# running 20-40 conversations. Values are (low, high) ranges drawn uniformly.
COURSE_LENGTH = {
    (1, 1): 56,
    (2, 2): 20,
    (3, 3): 10,
    (4, 4): 6,
    (5, 6): 5,
    (7, 10): 4,
    (11, 20): 2.2,
    (21, 40): 0.8,
}
# Chat users mostly come once or twice.
CHAT_COURSE_LENGTH = {(1, 1): 62, (2, 2): 20, (3, 4): 11, (5, 8): 6, (9, 15): 1}

# Days between conversations of a course (then moved to the next opening day).
GAP_DAYS = {7: 45, 14: 25, 3: 8, 10: 8, 21: 9, 35: 5}

GENDER = {"female": 65, "male": 30, "other": 3, "unknown": 2}

# Age at the first conversation: 12-25 with the bulk at 15-20, and a few outside the range.
AGE_AT_FIRST = {
    11: 1, 12: 4, 13: 6, 14: 7, 15: 9, 16: 10, 17: 10, 18: 10, 19: 9, 20: 8, 21: 6, 22: 5,
    23: 4, 24: 3, 25: 3, 26: 2, 28: 1,
}  # fmt: skip

CHANNEL_CENTRE = {"in_person": 85, "phone": 6, "video": 5, "mail": 1, "sms": 2, "other": 1}

# Minutes by channel: (low, high).
DURATION = {
    "in_person": (40, 60),
    "phone": (20, 45),
    "video": (30, 50),
    "chat": (15, 60),
    "mail": (10, 20),
    "sms": (5, 15),
    "other": (15, 45),
}

EDUCATION = {
    "in_education": 78,
    "in_education_sick_leave": 5,
    "employed": 7,
    "neither": 6,
    "unknown": 4,
}
DROPOUT_RISK = {
    "in_education": {"none": 45, "low": 33, "some": 13, "high": 6, "unknown": 3},
    "in_education_sick_leave": {"low": 10, "some": 40, "high": 45, "unknown": 5},
}

YOUTH_THEMES = {
    "anxiety": 20,
    "family_friends_conflict": 15,
    "stress": 14,
    "loneliness": 14,
    "sadness_depression": 12,
    "self_esteem": 11,
    "education_work": 10,
    "love_relationships": 6,
    "grief": 5,
    "body_eating": 4,
    "sexuality_gender": 3,
    "bullying": 3,
    "self_harm": 3,
    "practical_matters": 3,
    "diagnosis": 3,
    "suicidal_thoughts": 2,
    "violence_abuse": 2,
    "substance_use": 2,
    "other": 2,
}
THEMES_PER_CONTACT = {1: 25, 2: 45, 3: 30}

# Probability that a conversation ends in bridging: the first conversation less often.
BRIDGING_FIRST = 0.14
BRIDGING_LATER = 0.25
BRIDGING_CHAT = 0.10
YOUTH_BRIDGING_METHODS = {
    "made_aware_new": 35,
    "made_aware_known": 20,
    "helped_contact": 25,
    "accompanied": 8,
    "support_person": 5,
}
DESTINATIONS = {
    "gp": 20,
    "psychologist": 18,
    "municipal": 15,
    "civil_society": 12,
    "psychiatry": 10,
    "education_guidance": 10,
    "other_offer": 8,
    "job_centre": 4,
    "headspace_centre": 3,
}

RELATIVE_PRESENT = 0.04
RELATIVE_PRESENT_RELATION = {
    "parent": 80,
    "sibling": 8,
    "grandparent": 4,
    "partner": 4,
    "friend": 4,
}

# Share of conversations the young person gives feedback on.
FEEDBACK_CENTRE = 0.62
FEEDBACK_CHAT = 0.25
HELPED = {1: 2, 2: 6, 3: 17, 4: 37, 5: 38}
# Self-efficacy at the start of a course (1-2 high, 3 middle, 4-5 low).
SELF_EFFICACY_START = {1: 5, 2: 15, 3: 32, 4: 31, 5: 17}
# Session rating items and how each sits relative to the course's mean rating.
SESSION_RATING_ITEMS = {
    "relationship": 0.3,
    "goals_topics": -0.2,
    "approach_method": 0.0,
    "overall": 0.1,
}

NICKNAME_SHARE = 0.35
NICKNAMES = (
    "Sol", "Ræven", "Måne", "Stjerne", "Lille Bjørn", "Tiger", "Blå", "Skygge", "Spurv",
    "Pixie", "Kat", "Storm", "Bølge", "Lyn", "Kløver", "Birk", "Ugle", "Rav", "Nord", "Mynte",
    "Lærken", "Sommer", "Ekko", "Flamingo", "Kiwi", "Sky", "Regn", "Hvalen", "Ninja", "Panda",
)  # fmt: skip

# Chat users' residence: rough weights by population; every other municipality weighs 40.
CHAT_RESIDENCE = {
    "101": 650, "751": 360, "461": 205, "851": 220, "147": 105, "561": 115, "621": 115,
    "630": 110, "791": 100, "157": 75, "159": 70, "167": 55, "151": 52, "175": 41, "190": 41,
    "165": 28, "161": 23, "173": 56, "217": 64, "230": 27, "240": 44, "657": 94, "615": 85,
}  # fmt: skip
CHAT_RESIDENCE_DEFAULT = 40
UNKNOWN_RESIDENCE = 0.04

OUTREACH_KIND = {"school": 40, "youth_education": 35, "club": 10, "event": 10, "other": 5}
SHORT_CONTACTS = {
    "school": (10, 60),
    "youth_education": (10, 50),
    "club": (5, 25),
    "event": (15, 80),
    "other": (3, 20),
}

GROUP_COURSES = {
    "anxiety": "Gruppeforløb om angst",
    "self_esteem": "Selvværdsgruppe",
    "grief": "Sorggruppe",
    "stress": "Stressgruppe",
    "loneliness": "Fællesskabsgruppe",
}
GROUP_SESSIONS = 6
GROUP_SIZE = (5, 8)
GROUP_ATTENDANCE = 0.85
