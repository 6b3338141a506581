"""Answers for tests, written straight to the database against the current versions."""

from frirum.questionnaires.models import Item, Response


def answer(contact, instrument_code: str, **values: int) -> None:
    """answer(contact, "who5", cheerful=4, ...); one value for a single-item instrument:
    answer(contact, "helped", helped=5)."""
    items = {
        item.code: item
        for item in Item.objects.filter(
            version__instrument__code=instrument_code, version__is_current=True
        ).select_related("version")
    }
    Response.objects.bulk_create(
        Response(
            contact=contact,
            instrument_id=items[code].version.instrument_id,
            item=items[code],
            item_code=code,
            value=value,
        )
        for code, value in values.items()
    )


def who5(contact, *values: int) -> None:
    codes = ["cheerful", "calm", "active", "rested", "interested"]
    answer(contact, "who5", **dict(zip(codes, values, strict=True)))


def session_rating(contact, relationship, goals_topics, approach_method, overall) -> None:
    answer(
        contact,
        "session_rating",
        relationship=relationship,
        goals_topics=goals_topics,
        approach_method=approach_method,
        overall=overall,
    )
