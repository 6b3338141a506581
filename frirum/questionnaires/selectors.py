"""Reads for questionnaires: what a site asks, a contact's answers, a course's feedback trend."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from frirum.questionnaires.models import FeedbackCode, Instrument, InstrumentVersion, Item, Response
from frirum.questionnaires.scoring import Rules

SESSION_RATING = "session_rating"


def instruments_for_site(site) -> QuerySet[Instrument]:
    """The instruments the site asks after a conversation: its own choice, else the defaults."""
    chosen = site.instruments.all()
    if chosen.exists():
        return chosen.order_by("position", "code")
    return Instrument.objects.filter(asked_by_default=True).order_by("position", "code")


@dataclass
class Section:
    instrument: Instrument
    version: InstrumentVersion
    items: list[Item]


def questionnaire_for_site(site) -> list[Section]:
    """The current version of each instrument the site asks, with its items in order."""
    versions = (
        InstrumentVersion.objects.filter(is_current=True, instrument__in=instruments_for_site(site))
        .select_related("instrument")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("position")))
        .order_by("instrument__position", "instrument__code")
    )
    return [Section(v.instrument, v, list(v.items.all())) for v in versions if v.items.all()]


def find_feedback_code(code_hash: str) -> FeedbackCode | None:
    return (
        FeedbackCode.objects.select_related("contact", "contact__site")
        .filter(code_hash=code_hash)
        .first()
    )


def code_status(feedback_code: FeedbackCode, now=None) -> str:
    now = now or timezone.now()
    if feedback_code.used_at:
        return "used"
    if feedback_code.expires_at <= now:
        return "expired"
    return "open"


def _rules_by_version(responses: list[Response]) -> dict[int, Rules]:
    version_ids = {r.item.version_id for r in responses}
    versions = (
        InstrumentVersion.objects.filter(pk__in=version_ids)
        .select_related("instrument")
        .prefetch_related("items")
    )
    return {v.pk: Rules.from_version(v) for v in versions}


def _answers_by_contact(contact_ids: list[int]) -> tuple[dict, dict[int, Rules]]:
    responses = list(
        Response.objects.filter(contact_id__in=contact_ids)
        .select_related("item", "item__version__instrument")
        .order_by("item__version__instrument__position", "item__position")
    )
    by_contact: dict[int, dict[int, list[Response]]] = defaultdict(lambda: defaultdict(list))
    for response in responses:
        by_contact[response.contact_id][response.item.version_id].append(response)
    return by_contact, _rules_by_version(responses)


def _scores_by_contact(contact_ids: list[int]) -> tuple[dict, dict[int, Rules], dict]:
    """Each contact's answers as {version id: {item code: value}}, the versions' rules and
    instruments. A course's answers are read as plain values, with the few versions they
    belong to read once: a long course has hundreds of answers, and building each as a
    model with its item, version and instrument was most of the course's time."""
    by_contact: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    answers = (
        Response.objects.filter(contact_id__in=contact_ids)
        .order_by()
        .values_list("contact_id", "item__version_id", "item_code", "value")
    )
    for contact_id, version_id, item_code, value in answers:
        by_contact[contact_id][version_id][item_code] = value
    version_ids = {version_id for answered in by_contact.values() for version_id in answered}
    versions = (
        list(
            InstrumentVersion.objects.filter(pk__in=version_ids)
            .select_related("instrument")
            .prefetch_related("items")
        )
        if version_ids
        else []
    )
    rules = {v.pk: Rules.from_version(v) for v in versions}
    return by_contact, rules, {v.pk: v.instrument for v in versions}


def contact_feedback(contact) -> dict:
    """The young person's answers about one contact, and the state of its latest code."""
    by_contact, rules = _answers_by_contact([contact.pk])
    instruments = []
    for version_id, responses in by_contact.get(contact.pk, {}).items():
        version_rules = rules[version_id]
        score = version_rules.score({r.item_code: r.value for r in responses})
        instrument = responses[0].item.version.instrument
        instruments.append(
            {
                "instrument": instrument,
                "version": version_rules.number,
                "score": score,
                "score_max": version_rules.score_max,
                "category": version_rules.category(score),
                "category_label": version_rules.category_label(
                    version_rules.category(score), get_language() or "da"
                )
                if version_rules.category(score)
                else "",
                "rules": version_rules,
                "answers": [
                    {"item": r.item, "value": r.value, "label": _anchor(r.item, r.value)}
                    for r in responses
                ],
            }
        )
    latest_code = (
        FeedbackCode.objects.filter(contact=contact).order_by("-created_at", "-id").first()
    )
    return {
        "instruments": instruments,
        "answered": bool(instruments),
        "latest_code": latest_code,
        "latest_code_status": code_status(latest_code) if latest_code else None,
    }


def _anchor(item: Item, value: int) -> str:
    label = (item.anchors or {}).get(str(value))
    if not label:
        return ""
    return label.get("en" if (get_language() or "da").startswith("en") else "da", "")


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 560, 160, 28


def _chart(
    instrument: Instrument, rules: Rules, points: list[tuple[int, object, object]], count: int
) -> dict:
    """Server-side SVG coordinates for one instrument's scores across the course."""
    low, high = rules.score_min, rules.score_max
    span_x = max(count - 1, 1)
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD

    def y(score) -> float:
        # Every chart reads the same way round: its good end at the top, so a scale where
        # lower is better (self-efficacy, 1 = very well) is drawn with its lowest score up.
        share = (score - low) / (high - low)
        return round(CHART_PAD + inner_h * ((1 - share) if rules.higher_is_better else share), 1)

    dots = [
        {
            "x": round(CHART_PAD + inner_w * index / span_x, 1),
            "y": y(score),
            "score": score,
            "date": date,
        }
        for index, score, date in points
    ]
    cutoff_y = y(rules.cutoff) if rules.cutoff is not None and low <= rules.cutoff <= high else None
    return {
        "instrument": instrument,
        "higher_is_better": rules.higher_is_better,
        "low": low,
        "high": high,
        "low_y": y(low),
        "high_y": y(high),
        "cutoff": rules.cutoff,
        "cutoff_y": cutoff_y,
        "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "right": CHART_WIDTH - CHART_PAD,
        "left": CHART_PAD,
    }


def course_feedback(*, youth, site) -> dict:
    """Session-rating and outcome trend of one course (young person at one site), with flags.

    Flags: a session-rating total below the instrument's cut-off, and a total lower than at the
    previous answered conversation.
    """
    from frirum.contacts.models import Contact

    contacts = list(
        Contact.objects.filter(youth=youth, site=site)
        .order_by("date", "time", "code")
        .only("id", "code", "date", "time")
    )
    by_contact, rules, instrument_of = _scores_by_contact([c.pk for c in contacts])
    rows, flags = [], []
    series: dict[int, list] = defaultdict(list)  # version id -> [(index, score, date)]
    instruments: dict[int, Instrument] = {}
    previous_total = None
    for index, contact in enumerate(contacts):
        answered = by_contact.get(contact.pk)
        if not answered:
            continue
        scores = {}
        for version_id, values in answered.items():
            version_rules = rules[version_id]
            score = version_rules.score(values)
            instrument = instrument_of[version_id]
            instruments[version_id] = instrument
            scores[instrument.code] = score
            if score is not None:
                series[version_id].append((index, score, contact.date))
            if instrument.code != SESSION_RATING or score is None:
                continue
            if version_rules.is_clinical(score):
                flags.append(
                    {
                        "kind": "below_cutoff",
                        "contact": contact,
                        "score": score,
                        "cutoff": version_rules.cutoff,
                    }
                )
            if previous_total is not None and score < previous_total:
                flags.append(
                    {"kind": "drop", "contact": contact, "score": score, "previous": previous_total}
                )
            previous_total = score
        rows.append({"contact": contact, "number": index + 1, "scores": scores})
    charts = [
        _chart(instruments[version_id], rules[version_id], points, len(contacts))
        for version_id, points in sorted(
            series.items(), key=lambda kv: (instruments[kv[0]].position, instruments[kv[0]].code)
        )
    ]
    columns = [
        i for _, i in sorted({(i.position, i.code): i for i in instruments.values()}.items())
    ]
    lower_is_better = {
        instruments[version_id].code
        for version_id in instruments
        if not rules[version_id].higher_is_better
    }
    for row in rows:
        row["cells"] = [row["scores"].get(instrument.code) for instrument in columns]
    return {
        "rows": rows,
        "flags": flags,
        "charts": charts,
        "columns": columns,
        "lower_is_better": lower_is_better,
        "conversations": len(contacts),
    }
