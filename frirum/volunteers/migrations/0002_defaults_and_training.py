"""The secretariat's default qualifications, and the team page's training fields (intro course
date, manual side-by-side count, active flag) carried over into volunteers' paths."""

from django.db import migrations

# code, Danish name (the secretariat's own words; it renames them in the admin),
# validity in days, the step that grants it, the codes it includes.
QUALIFICATIONS = [
    ("intro_course", "Introduktionskursus", None, "intro_course", []),
    ("side_by_side_done", "Side-om-side-oplæring gennemført", None, "side_by_side",
     ["intro_course"]),
    ("approved_counsellor", "Godkendt ungerådgiver", None, "approved", ["side_by_side_done"]),
    ("family_peer_volunteer", "Peer-frivillig i headspace Family", None, "", []),
    ("chat_counsellor", "Chatrådgiver", None, "", []),
    # Renewed yearly: the supervisor on duty keeps up with supervision training.
    ("supervisor_on_duty", "Vagthavende supervisor", 365, "", ["approved_counsellor"]),
]
VOLUNTEER_ROLES = ("volunteer_counsellor", "peer_volunteer")


def seed(apps, schema_editor):
    Qualification = apps.get_model("volunteers", "Qualification")
    by_code = {}
    for code, name, days, step, _includes in QUALIFICATIONS:
        by_code[code], _ = Qualification.objects.get_or_create(
            code=code, defaults={"name": name, "validity_days": days, "granted_by_step": step}
        )
    for code, *_rest, includes in QUALIFICATIONS:
        by_code[code].includes.add(*(by_code[c] for c in includes))


def carry_over_training(apps, schema_editor):
    Membership = apps.get_model("accounts", "Membership")
    VolunteerPath = apps.get_model("volunteers", "VolunteerPath")
    PathStep = apps.get_model("volunteers", "PathStep")
    Qualification = apps.get_model("volunteers", "Qualification")
    Grant = apps.get_model("volunteers", "QualificationGrant")
    intro = Qualification.objects.get(code="intro_course")
    approved = Qualification.objects.get(code="approved_counsellor")
    memberships = Membership.objects.filter(role__in=VOLUNTEER_ROLES).select_related("user")
    for membership in memberships:
        user = membership.user
        if VolunteerPath.objects.filter(user=user, site_id=membership.site_id).exists():
            continue
        joined = membership.started_on or user.date_joined.date()
        steps = []
        if user.intro_course_on:
            steps.append(("intro_course", user.intro_course_on))
        if user.counselling_active:
            steps.append(("active", max(user.intro_course_on or joined, joined)))
        elif user.intro_course_on and user.side_by_side_count >= 4:
            # Trained but not counselling: a pause, as the team page meant it.
            steps.append(("on_leave", user.intro_course_on))
        if not steps:
            steps.append(("application", joined))
        last_step, last_on = steps[-1]
        path = VolunteerPath.objects.create(
            user=user,
            site_id=membership.site_id,
            step=last_step,
            step_on=last_on,
            side_by_side_before=user.side_by_side_count,
        )
        for step, on in steps:
            PathStep.objects.create(path=path, step=step, on=on)
        granted = set(Grant.objects.filter(user=user).values_list("qualification_id", flat=True))
        if user.intro_course_on and intro.pk not in granted:
            Grant.objects.create(user=user, qualification=intro, granted_on=user.intro_course_on,
                                 site_id=membership.site_id)
        if last_step in ("active", "on_leave") and approved.pk not in granted:
            Grant.objects.create(user=user, qualification=approved,
                                 granted_on=steps[-1][1] if last_step == "active" else last_on,
                                 site_id=membership.site_id)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("accounts", "0003_drop_account_lockout"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(carry_over_training, migrations.RunPython.noop),
    ]
