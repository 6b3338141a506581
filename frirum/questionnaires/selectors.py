"""Reads for questionnaires. (Interface placeholder; the questionnaires work replaces it.)"""


def course_feedback(*, youth, site) -> dict:
    """Session-rating and outcome trend of one course (young person at one site), with flags."""
    return {"rows": [], "flags": []}
