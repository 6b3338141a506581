"""The annual (one site) and national reports: young people, conversations, feedback, outcomes."""

from django.utils.translation import gettext as _

from frirum.reports import charts
from frirum.reports.render.labels import (
    AGE_BANDS,
    AGE_LABELS,
    HELPED_LABELS,
    SELF_EFFICACY_LABELS,
    SESSION_RATING_LABELS,
    Labels,
)
from frirum.reports.render.model import (
    LazyChart,
    Row,
    Section,
    Table,
    bar_chart_for,
    count_table,
    figure,
    mean_table,
    plot_value,
    share_table,
    single_share,
)
from frirum.reports.render.operations import bookings_section, volunteers_section
from frirum.reports.suppression import count_cell, value_cell

OUTCOME_BANDS = ["high", "middle", "low"]
HELPED_VALUES = ["1", "2", "3", "4", "5"]


def implied_denominator(shares: dict, upper: int | None) -> int | None:
    """The smallest number of answers that gives these exact shares (at most `upper`).

    Used only when the figures do not say how many answers a distribution is of. It errs on
    the small side, so suppression errs on the safe side.
    """
    values = [float(v) for v in shares.values() if v]
    if not values or not upper:
        return None
    for n in range(1, upper + 1):
        if all(abs(v * n - round(v * n)) < 1e-6 for v in values):
            return n
    return upper


def build_youth_sections(
    *, kind: str, figures: dict, previous: dict | None, labels: Labels, k: int, years
) -> tuple[list[Row], Table, list[Section]]:
    """(highlights, year-on-year comparison, sections) of an annual or national report."""
    prev = previous or {}
    has_prev = previous is not None
    common = {"k": k, "has_previous": has_prev}

    def both(name: str, default=None):
        return figure(figures, name, default), figure(prev, name, default)

    chat_key = "chat" if kind == "national" else "chat_resident"
    personal, prev_personal = both("youth.personal")
    total_contacts, prev_total_contacts = both("contacts.total")

    # Young people by category: three counts that add up to youth.total.
    categories = {
        "personal": _("Young people in personal counselling"),
        "short_contacts": _("Short contacts at outreach"),
        chat_key: _("Chat users (national chat)")
        if kind == "national"
        else _("Chat users from the municipality"),
    }
    youth_table = count_table(
        name="youth",
        title=_("Young people by category"),
        current={key: figure(figures, f"youth.{key}", 0) for key in categories},
        previous={key: figure(prev, f"youth.{key}", 0) for key in categories},
        total=figure(figures, "youth.total"),
        previous_total=figure(prev, "youth.total"),
        label=categories.get,
        order=list(categories),
        total_label=_("Young people in total"),
        base="youth.total",
        **common,
    )
    for row in [*youth_table.rows, youth_table.total]:
        row.figure = f"youth.{row.key}"
    youth_table.chart = bar_chart_for(
        youth_table,
        chart_id="chart-youth",
        desc=_("Young people by category, this year and the year before."),
        year_labels=years,
    )
    contacts_cell = count_cell(total_contacts, k=k)
    prev_contacts_cell = count_cell(prev_total_contacts, k=k) if has_prev else None
    per_youth = Row(
        "contacts.per_youth",
        _("Conversations per young person"),
        value_cell(figure(figures, "contacts.per_youth"), base=personal, k=k),
        value_cell(figure(prev, "contacts.per_youth"), base=prev_personal, k=k)
        if has_prev
        else None,
        numerator="contacts.total",
        denominator="youth.personal",
    )
    bridged = Row(
        "bridging.share",
        _("Share of conversations with bridging"),
        single_share(figure(figures, "bridging.share"), total_contacts, k),
        single_share(figure(prev, "bridging.share"), prev_total_contacts, k) if has_prev else None,
        numerator="bridging.contacts",
        denominator="contacts.total",
    )
    responses, prev_responses = both("feedback.responses")
    courses, prev_courses = both("outcomes.self_efficacy.courses")
    rows_by_key = {row.key: row for row in youth_table.rows}
    total_row = youth_table.total
    contacts_row = Row(
        "contacts.total",
        _("Conversations"),
        contacts_cell,
        prev_contacts_cell,
        figure="contacts.total",
    )
    responses_row = Row(
        "feedback.responses",
        _("Conversations with feedback from the young person"),
        count_cell(responses, k=k),
        count_cell(prev_responses, k=k) if has_prev else None,
        figure="feedback.responses",
    )
    comparison = Table(
        name="comparison",
        title=_("Year-on-year comparison"),
        kind="mixed",
        rows=[
            rows_by_key["personal"],
            rows_by_key["short_contacts"],
            rows_by_key[chat_key],
            total_row,
            contacts_row,
            per_youth,
            bridged,
            responses_row,
            Row(
                "outcomes.self_efficacy.courses",
                _("Courses with a self-efficacy outcome"),
                count_cell(courses, k=k),
                count_cell(prev_courses, k=k) if has_prev else None,
                figure="outcomes.self_efficacy.courses",
            ),
        ],
    )
    highlights = [total_row, rows_by_key["personal"], contacts_row, per_youth, bridged]

    sections = [
        Section("youth", _("Young people"), [youth_table]),
        _contacts_section(figures, prev, labels, common, total_contacts, prev_total_contacts),
        _profile_section(figures, prev, labels, common, personal, prev_personal, years),
        _themes_section(figures, prev, labels, common, total_contacts, prev_total_contacts),
        _bridging_section(figures, prev, labels, common, years),
        _feedback_section(figures, prev, labels, common, responses, prev_responses, years),
        _outcomes_section(figures, prev, common, courses, prev_courses),
    ]
    if kind == "annual" and figure(figures, "bookings") is not None:
        sections.append(bookings_section(figures, prev, common))
    if figure(figures, "volunteers") is not None:
        sections.append(volunteers_section(figures, prev, common))
    for section in sections:
        for table in section.tables:
            table.rows = [row for row in table.rows if row is not None]
    return highlights, comparison, sections


def _contacts_section(figures, prev, labels, common, total, prev_total) -> Section:
    channels = count_table(
        name="contacts.by_channel",
        title=_("Conversations by channel"),
        current=figure(figures, "contacts.by_channel"),
        previous=figure(prev, "contacts.by_channel"),
        total=total,
        previous_total=prev_total,
        label=lambda code: labels.choice("channel", code),
        order=labels.choice_codes("channel"),
        total_label=_("Conversations in total"),
        base="contacts.total",
        **common,
    )
    channels.chart = bar_chart_for(
        channels, chart_id="chart-channels", desc=_("Number of conversations by channel.")
    )
    kinds = count_table(
        name="contacts.by_kind",
        title=_("Conversations by kind"),
        current=figure(figures, "contacts.by_kind"),
        previous=figure(prev, "contacts.by_kind"),
        total=total,
        previous_total=prev_total,
        label=lambda code: labels.choice("contact_kind", code),
        order=labels.choice_codes("contact_kind"),
        total_label=_("Conversations in total"),
        base="contacts.total",
        **common,
    )
    return Section("contacts", _("Conversations"), [channels, kinds])


def _profile_section(figures, prev, labels, common, personal, prev_personal, years) -> Section:
    def shares_of_youth(name, title, label, order=None, keep_all=True, sort=False):
        return share_table(
            name=name,
            title=title,
            current=figure(figures, name),
            previous=figure(prev, name),
            denominator=personal,
            previous_denominator=prev_personal,
            label=label,
            order=order or [],
            keep_all=keep_all,
            sort_by_value=sort,
            base="youth.personal",
            **common,
        )

    residence = shares_of_youth(
        "youth.residence",
        _("Residence municipality"),
        labels.municipality,
        keep_all=False,
        sort=True,
    )
    residence.chart = bar_chart_for(
        residence, chart_id="chart-residence", desc=_("Share of the young people by residence.")
    )
    age = shares_of_youth(
        "youth.age_at_first", _("Age at the first conversation"), AGE_LABELS.get, list(AGE_BANDS)
    )
    age.chart = bar_chart_for(
        age,
        chart_id="chart-age",
        desc=_("Share of the young people by age at their first conversation of the year."),
        year_labels=years,
    )
    gender = shares_of_youth(
        "youth.gender",
        _("Gender"),
        lambda code: labels.choice("gender", code),
        labels.choice_codes("gender"),
    )
    education = shares_of_youth(
        "youth.education",
        _("Education status at the first conversation"),
        lambda code: labels.choice("education", code),
        labels.choice_codes("education"),
    )
    education.chart = bar_chart_for(
        education, chart_id="chart-education", desc=_("Share of the young people by education.")
    )
    tables = [residence, age, gender, education]
    if figure(figures, "youth.dropout_risk") is not None:
        tables.append(
            shares_of_youth(
                "youth.dropout_risk",
                _("Risk of dropping out of education"),
                lambda code: labels.choice("dropout_risk", code),
                labels.choice_codes("dropout_risk"),
            )
        )
    return Section("profile", _("Who the young people are"), tables)


def _themes_section(figures, prev, labels, common, total, prev_total) -> Section:
    themes = share_table(
        name="themes",
        title=_("Themes of the conversations"),
        current=figure(figures, "themes"),
        previous=figure(prev, "themes"),
        denominator=total,
        previous_denominator=prev_total,
        label=lambda code: labels.term("youth_theme", code),
        order=labels.term_order("youth_theme"),
        additive=False,
        sort_by_value=True,
        base="contacts.total",
        **common,
    )
    themes.note = _("A conversation can have several themes, so the shares need not add up.")
    themes.chart = bar_chart_for(
        themes, chart_id="chart-themes", desc=_("Share of the conversations naming each theme.")
    )
    return Section("themes", _("What the young people talk about"), [themes])


def _bridging_section(figures, prev, labels, common, years) -> Section:
    bridged, prev_bridged = figure(figures, "bridging.contacts"), figure(prev, "bridging.contacts")
    note = _("A bridged conversation can name several, so the shares need not add up.")
    tables = []
    for name, title, family in (
        ("bridging.methods", _("How the young people were bridged"), "youth_method"),
        ("bridging.destinations", _("Where the young people were bridged to"), "destination"),
    ):
        table = share_table(
            name=name,
            title=title,
            current=figure(figures, name),
            previous=figure(prev, name),
            denominator=bridged,
            previous_denominator=prev_bridged,
            label=lambda code, family=family: labels.term(family, code),
            order=labels.term_order(family),
            additive=False,
            sort_by_value=True,
            base="bridging.contacts",
            **common,
        )
        table.note = note
        table.chart = bar_chart_for(
            table, chart_id=f"chart-{name.replace('.', '-')}", desc=str(title)
        )
        tables.append(table)
    return Section("bridging", _("Bridging"), tables)


def _feedback_section(figures, prev, labels, common, responses, prev_responses, years) -> Section:
    def answers(fig, name):
        counts = figure(fig, "feedback.session_rating_answers") or {}
        return min(counts.values()) if counts else figure(fig, "feedback.responses")

    ratings = mean_table(
        name="feedback.session_rating_mean",
        title=_("How the young people rated the conversation (mean, 1-10)"),
        current=figure(figures, "feedback.session_rating_mean"),
        previous=figure(prev, "feedback.session_rating_mean"),
        base=answers(figures, "session_rating"),
        previous_base=answers(prev, "session_rating"),
        label=lambda code: str(SESSION_RATING_LABELS.get(code, code)),
        order=list(SESSION_RATING_LABELS),
        **common,
    )
    ratings.chart = bar_chart_for(
        ratings, chart_id="chart-ratings", desc=_("Mean rating per item on a scale of 1 to 10.")
    )

    def helped_base(fig):
        if fig is None:
            return None
        explicit = figure(fig, "feedback.helped_answers")
        if explicit is not None:
            return explicit
        return implied_denominator(
            figure(fig, "feedback.helped", {}), figure(fig, "feedback.responses")
        )

    helped = share_table(
        name="feedback.helped",
        title=_("Has it helped you to come here?"),
        current=figure(figures, "feedback.helped"),
        previous=figure(prev, "feedback.helped"),
        denominator=helped_base(figures),
        previous_denominator=helped_base(prev or None),
        label=lambda code: str(HELPED_LABELS.get(str(code), code)),
        order=HELPED_VALUES,
        keep_all=True,
        base="feedback.helped_answers",
        **common,
    )
    helped.chart = bar_chart_for(
        helped,
        chart_id="chart-helped",
        desc=_("Share of the answers to 'Has it helped you to come here?' by answer."),
        year_labels=years,
    )
    return Section("feedback", _("The young people's feedback"), [ratings, helped])


def _outcomes_section(figures, prev, common, courses, prev_courses) -> Section:
    tables = []
    for moment, title in (
        ("first", _("Self-efficacy at the first answer of the course")),
        ("latest", _("Self-efficacy at the latest answer of the course")),
    ):
        name = f"outcomes.self_efficacy.{moment}"
        tables.append(
            share_table(
                name=name,
                title=title,
                current=figure(figures, name),
                previous=figure(prev, name),
                denominator=courses,
                previous_denominator=prev_courses,
                label=lambda code: str(SELF_EFFICACY_LABELS.get(code, code)),
                order=OUTCOME_BANDS,
                keep_all=True,
                base="outcomes.self_efficacy.courses",
                **common,
            )
        )
    first, latest = tables
    first.chart = LazyChart(
        lambda: charts.grouped_bar_chart(
            chart_id="chart-self-efficacy",
            title=_("Self-efficacy: first and latest answer"),
            desc=_(
                "Share of the courses with high, middle and low self-efficacy, first and latest."
            ),
            categories=[row.label for row in first.rows],
            series=[
                (_("First"), [(plot_value(row.current), row.current.text) for row in first.rows]),
                (_("Latest"), [(plot_value(row.current), row.current.text) for row in latest.rows]),
            ],
            max_value=1.0,
        )
    )
    section = Section("outcomes", _("Outcome: self-efficacy"), tables)
    section.intro = _(
        "A course is one young person at one site; it counts when at least two of its "
        "conversations in the year have a self-efficacy answer."
    )
    return section
