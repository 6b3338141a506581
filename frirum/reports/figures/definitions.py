"""Definitions of every report figure, in Danish and English, for the reports' appendix.

Keys are the figure names of the interchange page (`youth.personal`); the text matches
docs/interchange-format.md and docs/figures.md. `definitions_for(kind)` gives the
figures of one report in the order they appear.
"""

YEAR = {"da": "kalenderåret", "en": "the calendar year"}

DEFINITIONS: dict[str, dict[str, str]] = {
    # Annual and national.
    "youth.personal": {
        "da": "Antal forskellige unge med mindst én samtale på stedet i året (nationalt: på "
        "et hvilket som helst sted, der ikke er chatten).",
        "en": "Distinct young people with at least one contact at the site in the year "
        "(national: at any site that is not a chat site).",
    },
    "youth.short_contacts": {
        "da": "Summen af korte kontakter ved udgående aktiviteter på stedet i året.",
        "en": "The sum of short contacts at the site's outreach activities in the year.",
    },
    "youth.chat_resident": {
        "da": "Antal forskellige unge med en samtale i året på en chat, hvis bopælskommune "
        "er stedets kommune.",
        "en": "Distinct young people with a contact in the year at any chat site whose "
        "residence municipality is the site's municipality.",
    },
    "youth.chat": {
        "da": "Antal forskellige unge med en samtale på en chat i året.",
        "en": "Distinct young people with a contact at any chat site in the year.",
    },
    "youth.total": {
        "da": "Summen af unge i personlig rådgivning, korte kontakter og chatbrugere "
        "(lokalt: fra kommunen; nationalt: alle). En ung kan tælle i flere grupper.",
        "en": "Personal counselling plus short contacts plus chat users (annual: residents "
        "of the municipality; national: all). A young person may count in several groups.",
    },
    "youth.residence": {
        "da": "Andel af de unge i personlig rådgivning pr. bopælskommune (kommunekode; "
        "'unknown' når ukendt), hver ung talt én gang.",
        "en": "Share of the young people in personal counselling per residence municipality "
        "(municipality code; 'unknown' when empty), each young person counted once.",
    },
    "youth.gender": {
        "da": "Andel af de unge i personlig rådgivning pr. køn.",
        "en": "Share of the young people in personal counselling per gender.",
    },
    "youth.age_at_first": {
        "da": "Andel af de unge i personlig rådgivning pr. aldersgruppe (<12, 12-14, 15-16, "
        "17-18, 19-20, 21-23, 24-25, >25, ukendt), alder ved den unges første samtale på "
        "stedet i året (tidligste dato, derefter mindste samtalekode).",
        "en": "Share of the young people in personal counselling per age band (<12, 12-14, "
        "15-16, 17-18, 19-20, 21-23, 24-25, >25, unknown), age at their first contact at the "
        "site in the year (earliest date, then smallest contact code).",
    },
    "youth.education": {
        "da": "Andel af de unge i personlig rådgivning pr. uddannelsesstatus ved første "
        "samtale på stedet i året; tom status tæller som ukendt.",
        "en": "Share of the young people in personal counselling per education status at "
        "their first contact at the site in the year; an empty status counts as unknown.",
    },
    "volunteers.active": {
        "da": "Frivillige godkendt til at rådgive alene eller aktive ved periodens udgang.",
        "en": "Volunteers approved to counsel alone, or active, at the end of the period.",
    },
    "volunteers.new": {
        "da": "Frivillige godkendt til at rådgive alene i perioden.",
        "en": "Volunteers approved to counsel alone in the period.",
    },
    "volunteers.left": {
        "da": "Frivillige, der stoppede i perioden.",
        "en": "Volunteers who left in the period.",
    },
    "volunteers.hours": {
        "da": "Fremmødte vagttimer: bekræftet af lederen eller med en samtale registreret "
        "samme dag. Skjult bag færre end k personer.",
        "en": "Attended shift hours: confirmed by the chief or with a conversation registered "
        "that day. Hidden behind fewer than k people.",
    },
    "volunteers.fully_staffed_share": {
        "da": "Andel af dagene med vagter, hvor hver vagt havde sit minimum.",
        "en": "Share of the days with shifts where every shift had its minimum.",
    },
    "bookings.made": {
        "da": "Antal anonyme bookinger til tider i året (efter den bookede dag), også de "
        "afbestilte. Kun for steder med booking.",
        "en": "Anonymous bookings for times in the year (by the booked day), cancelled ones "
        "included. Only for sites with booking.",
    },
    "bookings.met": {
        "da": "Bookinger, der ikke er afbestilt, og hvor en samtale er registreret fra bookingen.",
        "en": "Bookings not cancelled from which a conversation was registered.",
    },
    "bookings.not_met": {
        "da": "Bookinger, der ikke er afbestilt, og som en rådgiver har markeret som udeblevet.",
        "en": "Bookings not cancelled that a counsellor marked not met.",
    },
    "bookings.cancelled": {
        "da": "Bookinger afbestilt af den unge med koden eller af personalet.",
        "en": "Bookings cancelled by the young person with the code, or by the staff.",
    },
    "bookings.unmarked": {
        "da": "De øvrige bookinger: hverken afbestilt, mødt eller udeblevet (fx en tid, der "
        "endnu ikke er kommet). De fire dele giver tilsammen bookingerne i alt.",
        "en": "The other bookings: neither cancelled, met nor not met (such as a time still "
        "to come). The four parts add up to bookings.made.",
    },
    "contacts.total": {
        "da": "Antal samtaler på stedet i året.",
        "en": "The site's contacts (conversations) in the year.",
    },
    "contacts.per_youth": {
        "da": "Samtaler pr. ung: samtaler i alt divideret med unge i personlig rådgivning "
        "(0 når der ingen unge er).",
        "en": "Contacts per young person: contacts.total / youth.personal (0 when there are "
        "no young people).",
    },
    "contacts.by_channel": {
        "da": "Antal samtaler pr. kanal; samtaler uden kanal under 'unknown'.",
        "en": "Contacts per channel; contacts without a channel under 'unknown'.",
    },
    "contacts.by_kind": {
        "da": "Antal samtaler pr. type (individuel rådgivning, gruppe).",
        "en": "Contacts per kind (counselling, group).",
    },
    "themes": {
        "da": "Pr. tema: andelen af samtalerne, der nævner det (flere pr. samtale, så "
        "andelene summer ikke nødvendigvis til 1).",
        "en": "Per theme: the share of the contacts that name it (several per contact, so "
        "the shares need not sum to 1).",
    },
    "bridging.contacts": {
        "da": "Antal samtaler med brobygning.",
        "en": "Bridged contacts.",
    },
    "bridging.share": {
        "da": "Brobyggede samtaler som andel af alle samtaler.",
        "en": "Bridged contacts as a share of contacts.total.",
    },
    "bridging.methods": {
        "da": "Pr. metode: andelen af de brobyggede samtaler, der nævner den.",
        "en": "Per method: the share of the bridged contacts that name it.",
    },
    "bridging.destinations": {
        "da": "Pr. aktør: andelen af de brobyggede samtaler, der nævner den.",
        "en": "Per destination: the share of the bridged contacts that name it.",
    },
    "feedback.responses": {
        "da": "Antal samtaler med mindst ét svar fra den unge.",
        "en": "Contacts with at least one answer from the young person.",
    },
    "feedback.session_rating_mean": {
        "da": "Pr. spørgsmål om samtalen (relation, mål og emner, tilgang, samlet): "
        "gennemsnittet af svarene (1-10).",
        "en": "Per session-rating item (relationship, goals and topics, approach or method, "
        "overall): the mean of its answers (1-10).",
    },
    "feedback.helped": {
        "da": "Pr. svar 1-5 på 'Har det hjulpet dig at komme her?': andelen af svarene.",
        "en": "Per answer 1-5 to 'Has it helped you to come here?': its share of the answers.",
    },
    "outcomes.self_efficacy": {
        "da": "Et forløb er én ung på ét sted. Forløbets samtaler i året med et svar om "
        "mestring; forløb med mindst to tæller. Andel af forløbene med høj (1-2), middel (3) "
        "og lav (4-5) mestring ved første og seneste sådanne samtale.",
        "en": "A course is one young person at one site. The course's contacts in the year "
        "with a self-efficacy answer; a course with at least two counts. Shares of those "
        "courses with high (1-2), middle (3) and low (4-5) self-efficacy at the first and "
        "at the latest such contact.",
    },
    # Family.
    "relatives.total": {
        "da": "Antal forskellige pårørende i årets familiesamtaler.",
        "en": "Distinct relatives in the year's family conversations.",
    },
    "relatives.by_relation": {
        "da": "Antal forskellige pårørende pr. relation.",
        "en": "Distinct relatives per relation.",
    },
    "conversations.total": {
        "da": "Antal familiesamtaler i året.",
        "en": "Family conversations in the year.",
    },
    "conversations.by_kind": {
        "da": "Antal familiesamtaler pr. type.",
        "en": "Family conversations per kind.",
    },
    "conversations.by_channel": {
        "da": "Antal familiesamtaler pr. kanal.",
        "en": "Family conversations per channel.",
    },
    "conversations.first_meeting_share": {
        "da": "Andel af samtalerne, der er mindst én af deltagernes første familiesamtale "
        "nogensinde (alle år, alle steder; tidligste dato, derefter mindste kode).",
        "en": "Share of the conversations that are the first family conversation ever (any "
        "year, any site) of at least one of their relatives (earliest date, then smallest "
        "conversation code).",
    },
    "conversations.per_relative": {
        "da": "Gennemsnitligt antal af årets samtaler pr. pårørende.",
        "en": "The mean number of the year's conversations each relative took part in.",
    },
    "conversations.peer_volunteer_share": {
        "da": "Andel af samtalerne med en peer-frivillig til stede.",
        "en": "Share of the conversations with a peer volunteer present.",
    },
    "themes_by_kind": {
        "da": "Pr. samtaletype og tema: andelen af samtalerne af den type, der nævner temaet.",
        "en": "Per conversation kind and theme: the share of that kind's conversations "
        "naming the theme.",
    },
    "bridging.for": {
        "da": "Pr. modtager (den pårørende, familien, den unge): andel af de brobyggede samtaler.",
        "en": "Per recipient (the relative, the family, the young person): share of the "
        "bridged conversations.",
    },
    "inquiries.total": {
        "da": "Antal henvendelser fra pårørende i året.",
        "en": "Relatives' inquiries in the year.",
    },
    "inquiries.by_relation": {
        "da": "Antal henvendelser pr. relation.",
        "en": "Inquiries per relation.",
    },
    "inquiries.by_reason": {
        "da": "Andel af henvendelserne pr. årsag.",
        "en": "Share of the inquiries per reason.",
    },
    "youth_contacts_with_relative.total": {
        "da": "Unges samtaler i året med en pårørende til stede (alle steder, eller stedet "
        "når det er valgt).",
        "en": "Young people's contacts in the year with a relative present (all sites, or "
        "the site when given).",
    },
    "youth_contacts_with_relative.by_relation": {
        "da": "Andel af de samtaler pr. relation for den pårørende.",
        "en": "Share of those contacts per relation of the relative present.",
    },
    # Trends.
    "trends.themes": {
        "da": "Pr. år og tema: andelen af årets samtaler (alle steder undtagen chatten), der "
        "nævner temaet.",
        "en": "Per year and theme: the share of the year's contacts (every site but the "
        "chat) naming the theme.",
    },
    "trends.average_age": {
        "da": "Pr. år: gennemsnitsalderen ved de unges første samtale i året (alle steder "
        "undtagen chatten), blandt unge med kendt alder.",
        "en": "Per year: the mean age at each young person's first contact of the year "
        "(every site but the chat), among those whose age is known.",
    },
}

# The Family report's bridging share is of conversations, not contacts.
FAMILY_OVERRIDES: dict[str, dict[str, str]] = {
    "themes": {
        "da": "Pr. tema: andelen af familiesamtalerne, der nævner det.",
        "en": "Per theme: the share of the family conversations naming it.",
    },
    "bridging.share": {
        "da": "Brobyggede familiesamtaler som andel af alle familiesamtaler.",
        "en": "Bridged family conversations as a share of all of them.",
    },
    "bridging.methods": {
        "da": "Pr. metode: andelen af de brobyggede familiesamtaler, der nævner den.",
        "en": "Per method: the share of the bridged family conversations naming it.",
    },
    "bridging.destinations": {
        "da": "Pr. aktør: andelen af de brobyggede familiesamtaler, der nævner den.",
        "en": "Per destination: the share of the bridged family conversations naming it.",
    },
}

ANNUAL = [
    "youth.personal",
    "youth.short_contacts",
    "youth.chat_resident",
    "youth.total",
    "youth.residence",
    "youth.gender",
    "youth.age_at_first",
    "youth.education",
    "contacts.total",
    "contacts.per_youth",
    "contacts.by_channel",
    "contacts.by_kind",
    "themes",
    "bridging.contacts",
    "bridging.share",
    "bridging.methods",
    "bridging.destinations",
    "feedback.responses",
    "feedback.session_rating_mean",
    "feedback.helped",
    "outcomes.self_efficacy",
]
NATIONAL = [("youth.chat" if name == "youth.chat_resident" else name) for name in ANNUAL]
# Annual only, and only where the site has booking (the appendix leaves them out otherwise).
BOOKINGS = [
    "bookings.made",
    "bookings.met",
    "bookings.not_met",
    "bookings.cancelled",
    "bookings.unmarked",
]
# Annual and Family (only where the sites have volunteers or a roster) and national.
VOLUNTEERS = [
    "volunteers.active",
    "volunteers.new",
    "volunteers.left",
    "volunteers.hours",
    "volunteers.fully_staffed_share",
]
FAMILY = [
    "relatives.total",
    "relatives.by_relation",
    "conversations.total",
    "conversations.by_kind",
    "conversations.by_channel",
    "conversations.first_meeting_share",
    "conversations.per_relative",
    "conversations.peer_volunteer_share",
    "themes",
    "themes_by_kind",
    "bridging.share",
    "bridging.for",
    "bridging.methods",
    "bridging.destinations",
    "inquiries.total",
    "inquiries.by_relation",
    "inquiries.by_reason",
    "youth_contacts_with_relative.total",
    "youth_contacts_with_relative.by_relation",
]
TRENDS = ["trends.themes", "trends.average_age"]
ORDER = {
    "annual": ANNUAL + BOOKINGS + VOLUNTEERS,
    "national": NATIONAL + VOLUNTEERS,
    "family": FAMILY + VOLUNTEERS,
    "trends": TRENDS,
}


def definition(name: str, language: str = "da", kind: str = "annual") -> str:
    """One figure's definition in Danish (default) or English."""
    texts = (FAMILY_OVERRIDES if kind == "family" else {}).get(name) or DEFINITIONS[name]
    return texts["en" if language.startswith("en") else "da"]


def definitions_for(kind: str, language: str = "da") -> list[tuple[str, str]]:
    """[(figure name, definition)] for one report kind, in report order."""
    return [(name, definition(name, language, kind)) for name in ORDER[kind]]
