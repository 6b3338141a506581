"""The shipped taxonomy defaults of interchange format v1: (code, Danish label, English label)."""

from frirum.taxonomies.models import Vocabulary

DEFAULT_TERMS: dict[str, list[tuple[str, str, str]]] = {
    Vocabulary.YOUTH_THEME: [
        (
            "family_friends_conflict",
            "Konflikter med familie og venner",
            "Conflicts with family and friends",
        ),
        ("education_work", "Uddannelse og arbejde", "Education and work"),
        ("loneliness", "Ensomhed", "Loneliness"),
        ("anxiety", "Angst", "Anxiety"),
        ("stress", "Stress", "Stress"),
        ("sadness_depression", "Tristhed og depression", "Sadness and depression"),
        ("self_esteem", "Selvværd", "Self-esteem"),
        ("grief", "Sorg", "Grief"),
        ("love_relationships", "Kærlighed og parforhold", "Love and relationships"),
        ("sexuality_gender", "Seksualitet og køn", "Sexuality and gender"),
        ("body_eating", "Krop og spisning", "Body and eating"),
        ("self_harm", "Selvskade", "Self-harm"),
        ("suicidal_thoughts", "Selvmordstanker", "Suicidal thoughts"),
        ("violence_abuse", "Vold og overgreb", "Violence and abuse"),
        ("substance_use", "Rusmidler", "Substance use"),
        ("bullying", "Mobning", "Bullying"),
        ("practical_matters", "Praktiske forhold", "Practical matters"),
        ("diagnosis", "Diagnose", "Diagnosis"),
        ("other", "Andet", "Other"),
    ],
    Vocabulary.FAMILY_THEME: [
        (
            "relational_family",
            "Relationelle og familiære udfordringer",
            "Relational and family challenges",
        ),
        ("emotional", "Følelsesmæssige udfordringer", "Emotional challenges"),
        ("parenting", "Udfordringer relateret til forældreevnen", "Parenting challenges"),
        ("everyday_life", "Håndtering af hverdagen", "Managing everyday life"),
        (
            "family_conflict",
            "Familiekonflikter eller konflikter med nære pårørende",
            "Family conflicts",
        ),
        ("other", "Andet", "Other"),
    ],
    Vocabulary.YOUTH_BRIDGING_METHOD: [
        ("made_aware_new", "Gjort opmærksom på nye aktører", "Made aware of actors new to them"),
        ("made_aware_known", "Gjort opmærksom på kendte aktører", "Made aware of actors they know"),
        ("helped_contact", "Hjulpet med at tage kontakt", "Helped make contact"),
        ("accompanied", "Fulgt med", "Accompanied"),
        ("support_person", "Bisidder", "Support person"),
    ],
    Vocabulary.FAMILY_BRIDGING_METHOD: [
        ("made_aware", "Gjort opmærksom på tilbud", "Made aware of help"),
        ("helped_contact", "Hjulpet med at tage kontakt", "Helped make contact"),
        ("other", "Andet", "Other"),
    ],
    Vocabulary.DESTINATION: [
        ("headspace_centre", "headspace-center", "headspace centre"),
        ("gp", "Egen læge", "GP"),
        ("psychologist", "Psykolog", "Psychologist"),
        ("psychiatry", "Psykiatri", "Psychiatry"),
        (
            "municipal",
            "Kommunale tilbud (SSP, PPR, misbrugsbehandling mv.)",
            "Municipal services (SSP, PPR, substance-abuse treatment)",
        ),
        ("civil_society", "Civilsamfundstilbud", "Civil-society organisations"),
        ("education_guidance", "Uddannelsesvejledning", "Education guidance"),
        ("job_centre", "Jobcenter", "Job centre"),
        ("other_offer", "Andet tilbud", "Other"),
    ],
    Vocabulary.RELATION: [
        ("parent", "Forælder", "Parent"),
        ("grandparent", "Bedsteforælder", "Grandparent"),
        ("other_adult", "Anden voksen", "Other adult"),
        ("sibling", "Søskende", "Sibling"),
        ("friend", "Ven/veninde", "Friend"),
        ("partner", "Kæreste", "Partner"),
        ("other", "Andet", "Other"),
    ],
}


def seed_terms(term_model) -> None:
    """Create any missing default term; never touches labels an admin has edited."""
    for vocabulary, terms in DEFAULT_TERMS.items():
        for position, (code, label_da, label_en) in enumerate(terms):
            term_model.objects.get_or_create(
                vocabulary=str(vocabulary),
                code=code,
                defaults={"label_da": label_da, "label_en": label_en, "position": position * 10},
            )
