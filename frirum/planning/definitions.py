"""Definitions of the planning figures, in Danish and English: the coverage page's notes,
the scenario page and the memo's appendix read them from here (docs/planning.md too)."""

from django.utils.translation import get_language

DEFINITIONS: dict[str, dict[str, str]] = {
    "coverage.site": {
        "da": "Kommunens tilbud på opgørelsesdagen: hovedsæde (et center med satellitter), "
        "center, satellit eller intet. Chat og Family tæller ikke som et tilbud i kommunen.",
        "en": "The municipality's offer on the day the network is read: hub (a centre with "
        "satellites), centre, satellite or none. The chat and Family sites do not count.",
    },
    "coverage.population": {
        "da": "Folketal i alt og for de 12-25-årige, som importeret med `frirum population` "
        "(Danmarks Statistik, FOLK1A); året står ved tallet.",
        "en": "Population in total and aged 12-25 as imported with `frirum population` "
        "(Statistics Denmark, FOLK1A); the figures' year is shown with them.",
    },
    "coverage.reached": {
        "da": "Antal forskellige unge med mindst én samtale i året på et hvilket som helst "
        "sted (chatten medregnet), hvis registrerede bopælskommune er kommunen. Registret "
        "har én bopælskommune pr. ung, som den blev registreret.",
        "en": "Distinct young people with at least one contact in the year at any site (the "
        "chat included) whose registered residence municipality is the municipality. The "
        "register holds one residence per young person, as registered.",
    },
    "coverage.reached_per_1000": {
        "da": "Nåede unge pr. 1.000 indbyggere på 12-25 år (nåede unge / folketal 12-25 \u00d7 "
        "1.000). Skjules, når antallet af nåede unge er skjult.",
        "en": "Young people reached per 1,000 residents aged 12-25 (reached / population "
        "12-25 \u00d7 1,000). Hidden when the count of young people reached is hidden.",
    },
    "coverage.share_with_site": {
        "da": "Andel af landets 12-25-årige (i kommuner med kendt folketal), der bor i en "
        "kommune med et center eller en satellit.",
        "en": "Share of the country's residents aged 12-25 (in municipalities with a known "
        "population) who live in a municipality with a centre or satellite.",
    },
    "estimate.reach": {
        "da": "Sammenlignelige steder: centre (eller satellitter) med kendt folketal "
        "for kommunen, hvert af de seneste tre hele år, hvor stedet var åbent hele året og havde samtaler. "
        "For hvert sted og år: unge med en samtale på stedet og samtaler på stedet pr. 1.000 "
        "indbyggere på 12-25 år i stedets kommune. Skønnet er medianen (og kvartilerne, "
        "lineær interpolation) af disse tal gange kommunens antal 12-25-årige. Stedår med "
        "færre unge eller samtaler end grænsen for små tal indgår ikke; med færre end tre "
        "stedår gives intet skøn; skønnene vises afrundet til nærmeste 10, og udgiften pr. "
        "samtale og pr. ung regnes af det afrundede skøn.",
        "en": "Comparable sites: centres (or satellites) whose municipality's population "
        "is known, each of the last three full years in which the site was open all year and "
        "had contacts. Per site and year: young people with a contact at the site and the site's "
        "contacts per 1,000 residents aged 12-25 of its municipality. The estimate is the "
        "median (and quartiles, linear interpolation) of these rates times the "
        "municipality's residents aged 12-25. Site-years with fewer young people or contacts "
        "than the small-number threshold are left out; with fewer than three site-years there "
        "is no estimate; estimates are shown rounded to the nearest 10, and the cost per "
        "conversation and per young person is computed from the rounded estimate.",
    },
    "estimate.staffing": {
        "da": "Åbningsdage efter reglen; frivillige og ansatte rådgivere som medianen af de "
        "aktive medlemskaber på de sammenlignelige steder i dag.",
        "en": "Opening days from the rule; volunteers and employed counsellors as the median "
        "of the active memberships at the comparable sites today.",
    },
    "budget": {
        "da": "Budgetskabelonens linjer (nyeste skabelon for centre eller satellitter) over "
        "aftaleperioden; etablering i første år; det kommunale driftstilskud evt. halveret "
        "i første år. Linjer uden beløb indgår ikke i summerne.",
        "en": "The budget template's lines (the newest for centres or satellites) over the "
        "agreement period; establishment in the first year; the municipal operating grant "
        "possibly halved in the first year. Lines without an amount are not summed.",
    },
    "cost.per_conversation": {
        "da": "Årlig drift (fuldt år) divideret med skønnede samtaler (median) eller unge om "
        "året. Netværkets faktiske tal: de indtastede faktiske årsudgifter for steder af "
        "samme slags divideret med de samme steders samtaler og unge i året.",
        "en": "Yearly operation (a full year) divided by the estimated contacts (median) or "
        "young people a year. The network's actual figure: the actual yearly costs entered "
        "for sites of the same kind divided by those sites' contacts and young people.",
    },
    "evaluation": {
        "da": "Netværkets nationale tal for året (alle steder undtagen chatten), som i den "
        "nationale rapport: n er antal samtaler med svar eller antal samtaler.",
        "en": "The network's national figures for the year (every site but the chat), as in "
        "the national report: n is the contacts with an answer, or all contacts.",
    },
    "evaluation.outcomes": {
        "da": "Livstilfredshed, trivsel (WHO-5) og ensomhed: et forløb er én ung på ét sted; "
        "forløb med mindst to besvarede samtaler i året tæller. Gennemsnittet af forløbenes "
        "score ved første og seneste besvarede samtale og den gennemsnitlige ændring. Spørgsmålene "
        "stilles kun, hvor stedet har slået dem til, så n er ofte lille. Med færre forløb "
        "end grænsen for små tal vises en streg.",
        "en": "Life satisfaction, well-being (WHO-5) and loneliness: a course is one young "
        "person at one site; courses with at least two answered contacts in the year count. The "
        "mean of the courses' scores at the first and the latest answered contact and the mean "
        "change. The questions are asked only where a site has turned them on, so n is often "
        "small. With fewer courses than the small-number threshold a dash is shown.",
    },
    "evaluation.bridging_courses": {
        "da": "Forløb med brobygning: forløb (én ung på ét sted) med mindst én samtale i året "
        "markeret som brobygget, delt med alle forløb med en samtale i året.",
        "en": "Courses with bridging: courses (one young person at one site) with at least one "
        "contact in the year marked bridged, over all courses with a contact in the year.",
    },
    "evaluation.not_in_register": {
        "da": "Notaterne nævner andelen af samtaler, hvor den unge følte sig respekteret og "
        "forstået, fik talt om det, den ville, og følte sig tryg. Registret spørger på en "
        "skala fra 1 til 10 (Session Rating Scale) og viser gennemsnittet, ikke en andel: "
        "'Følte du dig hørt, forstået og respekteret i samtalen?' og 'Talte vi om det, du "
        "gerne ville tale om?'. Et spørgsmål om at føle sig tryg findes ikke; det nærmeste er "
        "'Passede måden, vi talte sammen på, til dig?' (tilgang eller metode).",
        "en": "The memos quote the share of conversations where the young person felt "
        "respected and understood, talked about what they wanted, and felt comfortable. The "
        "register asks on a scale of 1 to 10 (Session Rating Scale) and shows the mean, not a "
        "share: 'Did you feel heard, understood and respected in the conversation?' and 'Did "
        "we talk about what you wanted to talk about?'. There is no question on feeling "
        "comfortable; the nearest is 'Did the way we talked together suit you?' (approach or "
        "method).",
    },
}


def definition(name: str) -> str:
    language = "en" if (get_language() or "da").startswith("en") else "da"
    return DEFINITIONS[name][language]


def definitions(names) -> list[tuple[str, str]]:
    return [(name, definition(name)) for name in names]
