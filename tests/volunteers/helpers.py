import datetime as dt

from frirum.volunteers.models import Qualification, QualificationGrant


def qualification(code: str) -> Qualification:
    return Qualification.objects.get(code=code)


def grant(user, code: str, on: dt.date = dt.date(2025, 1, 1), expires_on=None):
    return QualificationGrant.objects.create(
        user=user, qualification=qualification(code), granted_on=on, expires_on=expires_on
    )
