"""headspace Family: relatives in family groups, family conversations and relatives' inquiries."""

import datetime as dt

from frirum.accounts.models import Role
from frirum.core.demo.base import DemoRandom, Period, next_open_day, scaled
from frirum.core.demo.network import open_weekdays, opening_window
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.sites.models import Site
from frirum.taxonomies.models import Vocabulary

GROUPS_PER_YEAR = 80
INQUIRIES_PER_YEAR = 70
# Relatives also phone the centres about a young person.
CENTRE_INQUIRIES_PER_YEAR = 10

CONVERSATIONS_PER_GROUP = {(1, 1): 35, (2, 2): 25, (3, 3): 15, (4, 6): 18, (7, 10): 7}
RELATION = {
    "parent": 70,
    "grandparent": 8,
    "sibling": 8,
    "other_adult": 6,
    "friend": 3,
    "partner": 3,
    "other": 2,
}
RELATIVES_PER_GROUP = {1: 60, 2: 32, 3: 8}
LABELS = {
    "parent": ("Mor", "Far", "Mor", "Bonusmor", "Bonusfar"),
    "grandparent": ("Mormor", "Morfar", "Farmor", "Farfar"),
    "sibling": ("Storesøster", "Storebror", "Lillesøster"),
    "other_adult": ("Moster", "Onkel", "Plejemor"),
    "friend": ("Veninde", "Ven"),
    "partner": ("Kæreste",),
    "other": ("",),
}
GROUP_LABELS = (
    "Egern", "Solsikke", "Hare", "Valmue", "Pindsvin", "Lupin", "Odder", "Kastanje",
    "Glente", "Hyld", "Mosegris", "Tjørn", "Bæver", "Skovmus", "Anemone", "Isfugl",
)  # fmt: skip
# Kinds of conversation by the size of the family group; overall about 65/17/18 % as in the
# Family annual report. One relative can still come with the young person.
KIND_ONE_RELATIVE = {"relative": 75, "family_with_youth": 25}
KIND_SEVERAL_RELATIVES = {"relative": 50, "family_without_youth": 40, "family_with_youth": 10}
CHANNEL = {"in_person": 75, "phone": 15, "video": 10}
PEER_VOLUNTEER = 0.45
FAMILY_THEMES = {
    "relational_family": 30,
    "emotional": 25,
    "parenting": 18,
    "everyday_life": 15,
    "family_conflict": 10,
    "other": 2,
}
BRIDGED = 0.25
BRIDGED_FOR = {"relative": 40, "family": 25, "youth": 35}
FAMILY_METHODS = {"made_aware": 60, "helped_contact": 30, "other": 10}
DESTINATIONS_FOR_YOUTH = {
    "headspace_centre": 50,
    "psychologist": 15,
    "municipal": 15,
    "psychiatry": 10,
    "gp": 10,
}
DESTINATIONS_FOR_ADULTS = {
    "psychologist": 25,
    "civil_society": 25,
    "gp": 20,
    "municipal": 20,
    "other_offer": 10,
}
INQUIRY_RELATION = {
    "parent": 75,
    "grandparent": 6,
    "other_adult": 6,
    "sibling": 5,
    "friend": 4,
    "partner": 4,
}
INQUIRY_REASON = {
    "worry_mental_health": 45,
    "family_matters": 30,
    "family_programme_info": 20,
    "other": 5,
}
INQUIRY_CHANNEL = {"phone": 50, "mail": 25, "in_person": 20, "sms": 5}


def _time(site: Site, date: dt.date, rng: DemoRandom) -> dt.time | None:
    window = opening_window(site.code, date.weekday())
    if window is None:
        return None
    opens, closes = window
    return dt.time(rng.randint(opens.hour, max(opens.hour, closes.hour - 1)), 0)


def build_family(
    rng: DemoRandom,
    *,
    site: Site,
    period: Period,
    scale: float,
    staff: dict[str, list],
    terms: dict[str, dict[str, int]],
) -> None:
    weekdays = open_weekdays(site.code)
    counsellors = staff[Role.EMPLOYED_COUNSELLOR] + staff[Role.CENTRE_CHIEF]
    peers = [u for u in staff[Role.PEER_VOLUNTEER] if u.counsels]
    relations = terms[Vocabulary.RELATION]

    groups, relatives, conversations = [], [], []
    members: list[tuple[FamilyConversation, Relative]] = []
    themes: list[tuple[FamilyConversation, str]] = []
    methods: list[tuple[FamilyConversation, str]] = []
    destinations: list[tuple[FamilyConversation, str]] = []

    for _ in range(scaled(GROUPS_PER_YEAR * period.days / 365, scale)):
        group = FamilyGroup(
            code=rng.record_code("G"), label=f"Familie {rng.choice(GROUP_LABELS)}", site=site
        )
        groups.append(group)
        family = []
        for _number in range(rng.weighted(RELATIVES_PER_GROUP)):
            relation = (
                rng.weighted(RELATION)
                if family
                else rng.weighted({"parent": 85, "grandparent": 5, "other_adult": 5, "sibling": 5})
            )
            relative = Relative(
                code=rng.pseudonym("P"),
                label=rng.choice(LABELS[relation]),
                relation_id=relations[relation],
                family_group=group,
                registered_at_site=site,
            )
            relatives.append(relative)
            family.append(relative)

        date = next_open_day(period.day(rng), weekdays)
        low, high = rng.weighted(CONVERSATIONS_PER_GROUP)
        for _number in range(rng.randint(low, high)):
            if date > period.end:
                break
            kind = rng.weighted(KIND_SEVERAL_RELATIVES if len(family) > 1 else KIND_ONE_RELATIVE)
            peer = rng.choice(peers) if peers and rng.chance(PEER_VOLUNTEER) else None
            conversation = FamilyConversation(
                code=rng.record_code("F"),
                site=site,
                family_group=group,
                date=date,
                time=_time(site, date, rng),
                kind=kind,
                channel=rng.weighted(CHANNEL),
                counsellor=rng.choice(counsellors) if counsellors else None,
                peer_volunteer_present=peer is not None,
                peer_volunteer=peer,
            )
            conversation.created_by = conversation.counsellor
            conversations.append(conversation)
            present = [rng.choice(family)] if kind == "relative" else family
            members.extend((conversation, relative) for relative in present)
            for code in rng.sample_weighted(FAMILY_THEMES, rng.choice((1, 2, 2, 3))):
                themes.append((conversation, code))
            if rng.chance(BRIDGED):
                conversation.bridged = True
                conversation.bridged_for = rng.weighted(BRIDGED_FOR)
                methods.append((conversation, rng.weighted(FAMILY_METHODS)))
                where = (
                    DESTINATIONS_FOR_YOUTH
                    if conversation.bridged_for == "youth"
                    else DESTINATIONS_FOR_ADULTS
                )
                destinations.append((conversation, rng.weighted(where)))
            date = next_open_day(
                date + dt.timedelta(days=rng.choice((7, 14, 14, 21, 28))), weekdays
            )

    FamilyGroup.objects.bulk_create(groups)
    Relative.objects.bulk_create(relatives)
    FamilyConversation.objects.bulk_create(conversations)
    through = FamilyConversation.relatives.through
    through.objects.bulk_create(
        through(familyconversation_id=c.pk, relative_id=r.pk) for c, r in members
    )
    for name, links, vocabulary in (
        ("themes", themes, Vocabulary.FAMILY_THEME),
        ("bridging_methods", methods, Vocabulary.FAMILY_BRIDGING_METHOD),
        ("bridging_destinations", destinations, Vocabulary.DESTINATION),
    ):
        through = getattr(FamilyConversation, name).through
        through.objects.bulk_create(
            through(familyconversation_id=c.pk, term_id=terms[vocabulary][code])
            for c, code in links
        )


def build_inquiries(
    rng: DemoRandom,
    *,
    sites: list[Site],
    period: Period,
    scale: float,
    terms: dict[str, dict[str, int]],
) -> None:
    relations = terms[Vocabulary.RELATION]
    rows = []
    for site in sites:
        per_year = INQUIRIES_PER_YEAR if site.is_family else CENTRE_INQUIRIES_PER_YEAR
        for _ in range(scaled(per_year * period.days / 365, scale, 0)):
            reason = rng.weighted(INQUIRY_REASON)
            rows.append(
                RelativeInquiry(
                    code=rng.record_code("H"),
                    site=site,
                    date=period.day(rng),
                    channel=rng.weighted(INQUIRY_CHANNEL),
                    relation_id=relations[rng.weighted(INQUIRY_RELATION)],
                    reason=reason,
                    led_to_conversation=site.is_family and rng.chance(0.35),
                    referred_to_centre=rng.chance(0.3 if reason == "worry_mental_health" else 0.05),
                )
            )
    RelativeInquiry.objects.bulk_create(rows)
