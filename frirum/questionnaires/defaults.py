"""The shipped questionnaire instruments, version 1 of each.

Codes follow interchange format v1 (`responses.csv`: instrument, item, value); an import maps
each row onto the current version's item with that code, so the codes never change.

Cut-offs are boundaries on the reported score: a score strictly on the worse side of the
boundary is in the clinical (or "concern") range. Reliable-change parameters (reference SD and
reliability, Jacobson & Truax 1991) are set only where a published source gives them.
"""

SCALE_5_HELPED = {
    "1": {"da": "Slet ikke", "en": "Not at all"},
    "2": {"da": "Lidt", "en": "A little"},
    "3": {"da": "Noget", "en": "Somewhat"},
    "4": {"da": "Meget", "en": "Much"},
    "5": {"da": "Rigtig meget", "en": "Very much"},
}

SCALE_SELF_EFFICACY = {
    "1": {"da": "Meget godt", "en": "Very well"},
    "2": {"da": "Godt", "en": "Well"},
    "3": {"da": "Nogenlunde", "en": "Fairly"},
    "4": {"da": "Dårligt", "en": "Poorly"},
    "5": {"da": "Meget dårligt", "en": "Very poorly"},
}

SCALE_WHO5 = {
    "5": {"da": "Hele tiden", "en": "All of the time"},
    "4": {"da": "Det meste af tiden", "en": "Most of the time"},
    "3": {"da": "Lidt mere end halvdelen af tiden", "en": "More than half of the time"},
    "2": {"da": "Lidt mindre end halvdelen af tiden", "en": "Less than half of the time"},
    "1": {"da": "Lidt af tiden", "en": "Some of the time"},
    "0": {"da": "På intet tidspunkt", "en": "At no time"},
}

SCALE_LONELINESS = {
    "1": {"da": "Næsten aldrig", "en": "Hardly ever"},
    "2": {"da": "En gang imellem", "en": "Some of the time"},
    "3": {"da": "Ofte", "en": "Often"},
}


def _ends(low_da: str, low_en: str, high_da: str, high_en: str, low: int, high: int) -> dict:
    return {str(low): {"da": low_da, "en": low_en}, str(high): {"da": high_da, "en": high_en}}


SESSION_ENDS = _ends("Slet ikke", "Not at all", "Helt og aldeles", "Completely", 1, 10)

# Each instrument: its own fields, then version 1 (scale, scoring, interpretation, items).
DEFAULT_INSTRUMENTS: list[dict] = [
    {
        "code": "session_rating",
        "name_da": "Om samtalen",
        "name_en": "About the conversation",
        "asked_by_default": True,
        "version": {
            "scale_min": 1,
            "scale_max": 10,
            "direction": "higher",
            "scoring": "sum",
            "score_multiplier": 1,
            "categories": [],
            # The alliance-feedback convention: a total under 36 of 40 is worth talking about.
            "cutoff": 36,
            "reference_sd": None,
            "reliability": None,
            "source": (
                "Frirum's own wording of the four session-rating areas (relationship, goals and "
                "topics, approach or method, overall). Cut-off 36 follows the Session Rating Scale "
                "convention (Duncan et al. 2003, J Brief Ther 3:3-12); not validated for this "
                "wording, so no reliable-change parameters."
            ),
            "items": [
                (
                    "relationship",
                    "Følte du dig hørt, forstået og respekteret i samtalen?",
                    "Did you feel heard, understood and respected in the conversation?",
                    SESSION_ENDS,
                ),
                (
                    "goals_topics",
                    "Talte vi om det, du gerne ville tale om?",
                    "Did we talk about what you wanted to talk about?",
                    SESSION_ENDS,
                ),
                (
                    "approach_method",
                    "Passede måden, vi talte sammen på, til dig?",
                    "Did the way we talked together suit you?",
                    SESSION_ENDS,
                ),
                (
                    "overall",
                    "Alt i alt: var samtalen god for dig?",
                    "All in all: was the conversation good for you?",
                    SESSION_ENDS,
                ),
            ],
        },
    },
    {
        "code": "helped",
        "name_da": "Har det hjulpet?",
        "name_en": "Has it helped?",
        "asked_by_default": True,
        "version": {
            "scale_min": 1,
            "scale_max": 5,
            "direction": "higher",
            "scoring": "single",
            "score_multiplier": 1,
            "categories": [],
            "cutoff": None,
            "reference_sd": None,
            "reliability": None,
            "source": "The network's own question (national analysis of face-to-face counselling).",
            "items": [
                (
                    "helped",
                    "Har det hjulpet dig at komme her?",
                    "Has it helped you to come here?",
                    SCALE_5_HELPED,
                )
            ],
        },
    },
    {
        "code": "self_efficacy",
        "name_da": "Tro på egne evner",
        "name_en": "Self-efficacy",
        "asked_by_default": True,
        "version": {
            "scale_min": 1,
            "scale_max": 5,
            "direction": "lower",
            "scoring": "single",
            "score_multiplier": 1,
            "categories": [
                {"code": "high", "min": 1, "max": 2, "da": "Høj", "en": "High"},
                {"code": "middle", "min": 3, "max": 3, "da": "Middel", "en": "Middle"},
                {"code": "low", "min": 4, "max": 5, "da": "Lav", "en": "Low"},
            ],
            "cutoff": None,
            "reference_sd": None,
            "reliability": None,
            "source": (
                "The network's own single item; bands high 1-2, middle 3, low 4-5 as in the "
                "national analysis and interchange format v1. No established cut-off or reliability."
            ),
            "items": [
                (
                    "self_efficacy",
                    "Hvor godt tror du på, at du selv kan klare det, du kom for at tale om?",
                    "How well do you believe you can handle what you came to talk about yourself?",
                    SCALE_SELF_EFFICACY,
                )
            ],
        },
    },
    {
        "code": "who5",
        "name_da": "Trivsel (WHO-5)",
        "name_en": "Wellbeing (WHO-5)",
        "asked_by_default": False,
        "version": {
            "scale_min": 0,
            "scale_max": 5,
            "direction": "higher",
            "scoring": "sum",
            # Raw 0-25 times 4 gives the published 0-100 percentage score.
            "score_multiplier": 4,
            "categories": [
                {
                    "code": "depression_screen",
                    "min": 0,
                    "max": 28,
                    "da": "Mulig depression (0-28)",
                    "en": "Possible depression (0-28)",
                },
                {
                    "code": "poor",
                    "min": 29,
                    "max": 50,
                    "da": "Lav trivsel (29-50)",
                    "en": "Poor wellbeing (29-50)",
                },
                {
                    "code": "good",
                    "min": 51,
                    "max": 100,
                    "da": "God trivsel (over 50)",
                    "en": "Good wellbeing (over 50)",
                },
            ],
            # Scores are multiples of 4, so "50 or below" and "below 50" are the same people.
            "cutoff": 50,
            # SD derived from the published SEM (MDC95 23.6 = 1.96 * sqrt(2) * SEM, SEM = SD * sqrt(1 - ICC)).
            "reference_sd": 19.5,
            "reliability": 0.81,
            "source": (
                "WHO-5, Psychiatric Centre North Zealand (free to use with attribution). Scoring and "
                "cut-offs (<=50 poor wellbeing, <=28 depression screening): Topp et al. 2015, "
                "Psychother Psychosom 84:167-176. Reliability ICC 0.81 and MDC 23.6 (SD 19.5 "
                "derived): Schougaard et al. 2018, Health Qual Life Outcomes 16:175 (Danish WHO-5)."
            ),
            "items": [
                (
                    "cheerful",
                    "I de sidste 2 uger har jeg været glad og i godt humør",
                    "Over the last two weeks I have felt cheerful and in good spirits",
                    SCALE_WHO5,
                ),
                (
                    "calm",
                    "I de sidste 2 uger har jeg følt mig rolig og afslappet",
                    "Over the last two weeks I have felt calm and relaxed",
                    SCALE_WHO5,
                ),
                (
                    "active",
                    "I de sidste 2 uger har jeg følt mig aktiv og energisk",
                    "Over the last two weeks I have felt active and vigorous",
                    SCALE_WHO5,
                ),
                (
                    "rested",
                    "I de sidste 2 uger er jeg vågnet frisk og udhvilet",
                    "Over the last two weeks I woke up feeling fresh and rested",
                    SCALE_WHO5,
                ),
                (
                    "interested",
                    "I de sidste 2 uger har min dagligdag været fyldt med ting, der interesserer mig",
                    "Over the last two weeks my daily life has been filled with things that interest me",
                    SCALE_WHO5,
                ),
            ],
        },
    },
    {
        "code": "loneliness3",
        "name_da": "Ensomhed (3 spørgsmål)",
        "name_en": "Loneliness (three items)",
        "asked_by_default": False,
        "version": {
            "scale_min": 1,
            "scale_max": 3,
            "direction": "lower",
            "scoring": "sum",
            "score_multiplier": 1,
            "categories": [
                {
                    "code": "not_lonely",
                    "min": 3,
                    "max": 5,
                    "da": "Ikke ensom (3-5)",
                    "en": "Not lonely (3-5)",
                },
                {"code": "lonely", "min": 6, "max": 9, "da": "Ensom (6-9)", "en": "Lonely (6-9)"},
            ],
            # 6-9 counts as lonely; the boundary sits between attainable sums.
            "cutoff": 5.5,
            "reference_sd": None,
            "reliability": 0.72,
            "source": (
                "Three-item loneliness scale: Hughes et al. 2004, Res Aging 26:655-672 (alpha "
                "0.72); 6-9 as lonely: Steptoe et al. 2013, PNAS 110:5797-5801. No established "
                "reference SD for young people, so no reliable-change index."
            ),
            "items": [
                (
                    "lack_companionship",
                    "Hvor ofte føler du, at du mangler nogen at være sammen med?",
                    "How often do you feel that you lack companionship?",
                    SCALE_LONELINESS,
                ),
                (
                    "left_out",
                    "Hvor ofte føler du dig holdt udenfor?",
                    "How often do you feel left out?",
                    SCALE_LONELINESS,
                ),
                (
                    "isolated",
                    "Hvor ofte føler du dig isoleret fra andre?",
                    "How often do you feel isolated from others?",
                    SCALE_LONELINESS,
                ),
            ],
        },
    },
    {
        "code": "life_satisfaction",
        "name_da": "Livstilfredshed",
        "name_en": "Life satisfaction",
        "asked_by_default": False,
        "version": {
            "scale_min": 0,
            "scale_max": 10,
            "direction": "higher",
            "scoring": "single",
            "score_multiplier": 1,
            "categories": [
                {"code": "suffering", "min": 0, "max": 4, "da": "Lav (0-4)", "en": "Low (0-4)"},
                {
                    "code": "struggling",
                    "min": 5,
                    "max": 6,
                    "da": "Middel (5-6)",
                    "en": "Middle (5-6)",
                },
                {"code": "thriving", "min": 7, "max": 10, "da": "Høj (7-10)", "en": "High (7-10)"},
            ],
            # HBSC reports 6 or more as high life satisfaction: below 6 is the concern range.
            "cutoff": 6,
            "reference_sd": None,
            "reliability": None,
            "source": (
                "Cantril ladder (Cantril 1965); bands 0-4 / 5-6 / 7-10 as Gallup's suffering / "
                "struggling / thriving; cut-off 6 as in the HBSC study (Inchley et al. 2020). A "
                "single item has no internal-consistency reliability, so no reliable-change index."
            ),
            "items": [
                (
                    "life_satisfaction",
                    "Forestil dig en stige med trin fra 0 nederst til 10 øverst. Øverst er det bedst "
                    "mulige liv for dig, nederst det værst mulige. Hvor på stigen står du lige nu?",
                    "Imagine a ladder with steps from 0 at the bottom to 10 at the top. The top is "
                    "the best possible life for you, the bottom the worst. Where on the ladder do "
                    "you stand at the moment?",
                    _ends(
                        "Værst mulige liv",
                        "Worst possible life",
                        "Bedst mulige liv",
                        "Best possible life",
                        0,
                        10,
                    ),
                )
            ],
        },
    },
]


def seed_instruments(instrument_model, version_model, item_model) -> None:
    """Create any missing instrument with version 1 and its items.

    Never touches an instrument that already exists: its versions may hold answers, and an
    organisation may have configured its own wording.
    """
    for position, spec in enumerate(DEFAULT_INSTRUMENTS):
        instrument, created = instrument_model.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name_da": spec["name_da"],
                "name_en": spec["name_en"],
                "asked_by_default": spec["asked_by_default"],
                "position": position * 10,
            },
        )
        if not created:
            continue
        fields = {k: v for k, v in spec["version"].items() if k != "items"}
        version = version_model.objects.create(
            instrument=instrument, number=1, is_current=True, **fields
        )
        for item_position, (code, text_da, text_en, anchors) in enumerate(spec["version"]["items"]):
            item_model.objects.create(
                version=version,
                code=code,
                position=item_position,
                text_da=text_da,
                text_en=text_en,
                anchors=anchors,
            )
