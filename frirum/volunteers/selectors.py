"""Reading volunteers' paths: side-by-side counts from the register and the chief's pipeline."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from frirum.accounts.models import Role
from frirum.contacts.models import Contact
from frirum.sites.models import Site
from frirum.volunteers.models import TRAINING_STEPS, QualificationGrant, Step, VolunteerPath
from frirum.volunteers.qualifications import including_ids

APPROVED_COUNSELLOR = "approved_counsellor"
# Employed staff train volunteers side by side whether or not they hold a qualification.
TRAINER_ROLES = (Role.EMPLOYED_COUNSELLOR, Role.CENTRE_CHIEF)


def side_by_side_counts(site: Site, user_ids: list[int]) -> dict[int, int]:
    """Conversations at the site where each user and an approved counsellor (holding the
    qualification that day, or employed at the site) were both counsellors."""
    if not user_ids:
        return {}
    through = Contact.counsellors.through
    approved_ids = including_ids(APPROVED_COUNSELLOR)
    approved_that_day = QualificationGrant.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=OuterRef("contact__date")),
        user_id=OuterRef("user_id"),
        qualification_id__in=approved_ids,
        granted_on__lte=OuterRef("contact__date"),
    )
    partner = (
        through.objects.filter(contact_id=OuterRef("contact_id"))
        .exclude(user_id=OuterRef("user_id"))
        .filter(
            Q(
                user__memberships__site_id=site.pk,
                user__memberships__role__in=TRAINER_ROLES,
            )
            | Exists(approved_that_day)
        )
    )
    rows = (
        through.objects.filter(user_id__in=user_ids, contact__site_id=site.pk)
        .filter(Exists(partner))
        .order_by()
        .values("user_id")
        .annotate(n=Count("contact_id", distinct=True))
        .values_list("user_id", "n")
    )
    return dict(rows)


def side_by_side_count(path: VolunteerPath) -> int:
    counted = side_by_side_counts(path.site, [path.user_id]).get(path.user_id, 0)
    return path.side_by_side_before + counted


@dataclass
class PipelineStage:
    step: str
    label: str
    paths: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def longest_wait(self) -> int | None:
        return max((p.waiting_days for p in self.paths), default=None)

    @property
    def median_wait(self) -> int | None:
        waits = sorted(p.waiting_days for p in self.paths)
        return waits[len(waits) // 2] if waits else None


def pipeline(site: Site, today: dt.date | None = None) -> list[PipelineStage]:
    """Every step with the site's volunteers now at it and how long each has waited since, in
    four queries (paths, the approved qualification and its includers, side-by-side counts)
    whatever the site's size."""
    today = today or timezone.localdate()
    stages = {step: PipelineStage(step, label) for step, label in Step.choices}
    paths = list(VolunteerPath.objects.filter(site=site).select_related("user").order_by("step_on"))
    trainees = [p.user_id for p in paths if p.step in TRAINING_STEPS]
    counts = side_by_side_counts(site, trainees)
    for path in paths:
        path.waiting_days = (today - path.step_on).days
        path.side_by_side = path.side_by_side_before + counts.get(path.user_id, 0)
        stages[path.step].paths.append(path)
    return list(stages.values())


def own_paths(user) -> list[VolunteerPath]:
    """The signed-in volunteer's own paths (one per site), each with its dated steps, for
    their own page. Only ever called with request.user: nobody reads another's path here
    (the chief reads it on the volunteer's page, frirum.volunteers.views.volunteer)."""
    paths = (
        VolunteerPath.objects.filter(user=user)
        .select_related("site")
        .prefetch_related("steps")
        .order_by("site__name")
    )
    return list(paths)
