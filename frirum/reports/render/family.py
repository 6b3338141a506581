"""The headspace Family report: relatives, conversations, themes, bridging, inquiries."""

from django.utils.translation import gettext as _

from frirum.reports.render.labels import Labels
from frirum.reports.render.model import (
    Row,
    Section,
    Table,
    bar_chart_for,
    count_table,
    figure,
    share_table,
    single_share,
)
from frirum.reports.render.operations import volunteers_section
from frirum.reports.suppression import count_cell, value_cell


def build_family_sections(
    *, figures: dict, previous: dict | None, labels: Labels, k: int, years
) -> tuple[list[Row], Table, list[Section]]:
    prev = previous or {}
    has_prev = previous is not None
    common = {"k": k, "has_previous": has_prev}

    def both(name):
        return figure(figures, name), figure(prev, name)

    relatives, prev_relatives = both("relatives.total")
    conversations, prev_conversations = both("conversations.total")
    bridged = _bridged(figures)
    prev_bridged = _bridged(prev) if has_prev else None

    def row(key, label, cell_of, **names):
        names.setdefault("figure", "" if "denominator" in names else key)
        return Row(key, label, cell_of(figures), cell_of(prev) if has_prev else None, **names)

    def conversation_share(name):
        return lambda fig: single_share(figure(fig, name), figure(fig, "conversations.total"), k)

    relatives_row = row(
        "relatives.total",
        _("Relatives"),
        lambda fig: count_cell(figure(fig, "relatives.total"), k=k),
    )
    conversations_row = row(
        "conversations.total",
        _("Family conversations"),
        lambda fig: count_cell(figure(fig, "conversations.total"), k=k),
    )
    first_row = row(
        "conversations.first_meeting_share",
        _("Share that was a relative's first meeting"),
        conversation_share("conversations.first_meeting_share"),
        numerator="conversations.first_meeting",
        denominator="conversations.total",
    )
    per_relative_row = row(
        "conversations.per_relative",
        _("Conversations per relative"),
        lambda fig: value_cell(
            figure(fig, "conversations.per_relative"),
            base=figure(fig, "relatives.total"),
            k=k,
        ),
        numerator="conversations.participations",
        denominator="relatives.total",
    )
    peer_row = row(
        "conversations.peer_volunteer_share",
        _("Share with a peer volunteer taking part"),
        conversation_share("conversations.peer_volunteer_share"),
        numerator="conversations.peer_volunteer",
        denominator="conversations.total",
    )
    bridging_row = row(
        "bridging.share",
        _("Share of conversations with bridging"),
        conversation_share("bridging.share"),
        numerator="bridging.contacts",
        denominator="conversations.total",
    )
    inquiries_row = row(
        "inquiries.total",
        _("Relatives' inquiries about a young person"),
        lambda fig: count_cell(figure(fig, "inquiries.total"), k=k),
    )
    with_relative_row = row(
        "youth_contacts_with_relative.total",
        _("Young people's conversations with a relative present"),
        lambda fig: count_cell(figure(fig, "youth_contacts_with_relative.total"), k=k),
    )
    highlights = [relatives_row, conversations_row, first_row, per_relative_row, peer_row]
    comparison = Table(
        name="comparison",
        title=_("Year-on-year comparison"),
        kind="mixed",
        rows=[
            relatives_row,
            conversations_row,
            first_row,
            per_relative_row,
            peer_row,
            bridging_row,
            inquiries_row,
            with_relative_row,
        ],
    )

    def relation(code):
        return labels.term("relation", code)

    by_relation = count_table(
        name="relatives.by_relation",
        title=_("Relatives by relation to the young person"),
        current=figure(figures, "relatives.by_relation"),
        previous=figure(prev, "relatives.by_relation"),
        total=relatives,
        previous_total=prev_relatives,
        label=relation,
        order=labels.term_order("relation"),
        keep_all=False,
        total_label=_("Relatives in total"),
        base="relatives.total",
        **common,
    )
    by_relation.chart = bar_chart_for(
        by_relation, chart_id="chart-relations", desc=_("Number of relatives by relation.")
    )
    conversation_tables = []
    for name, title, family in (
        ("conversations.by_kind", _("Conversations by kind"), "family_kind"),
        ("conversations.by_channel", _("Conversations by channel"), "channel"),
    ):
        table = count_table(
            name=name,
            title=title,
            current=figure(figures, name),
            previous=figure(prev, name),
            total=conversations,
            previous_total=prev_conversations,
            label=lambda code, family=family: labels.choice(family, code),
            order=labels.choice_codes(family),
            total_label=_("Conversations in total"),
            base="conversations.total",
            **common,
        )
        table.chart = bar_chart_for(
            table, chart_id=f"chart-{name.replace('.', '-')}", desc=str(title)
        )
        conversation_tables.append(table)
    conversation_tables.append(
        Table(
            name="conversations",
            title=_("About the conversations"),
            kind="mixed",
            rows=[first_row, per_relative_row, peer_row],
        )
    )

    sections = [
        Section("relatives", _("Relatives who came to Family"), [by_relation]),
        Section("conversations", _("Family conversations"), conversation_tables),
        _themes_section(figures, prev, labels, common, conversations, prev_conversations),
        _bridging_section(figures, prev, labels, common, bridged, prev_bridged, bridging_row),
        _inquiries_section(figures, prev, labels, common, inquiries_row, with_relative_row),
    ]
    # Only where the Family site has volunteers or a roster, as in the annual report.
    if figure(figures, "volunteers") is not None:
        sections.append(volunteers_section(figures, prev, common))
    return highlights, comparison, sections


def _bridged(fig) -> int | None:
    share, total = figure(fig, "bridging.share"), figure(fig, "conversations.total")
    if share is None or total is None:
        return None
    return round(share * total)


def _themes_section(figures, prev, labels, common, conversations, prev_conversations) -> Section:
    def theme(code):
        return labels.term("family_theme", code)

    order = labels.term_order("family_theme")
    overall = share_table(
        name="themes",
        title=_("Themes of the conversations"),
        current=figure(figures, "themes"),
        previous=figure(prev, "themes"),
        denominator=conversations,
        previous_denominator=prev_conversations,
        label=theme,
        order=order,
        additive=False,
        sort_by_value=True,
        base="conversations.total",
        **common,
    )
    overall.note = _("A conversation can have several themes, so the shares need not add up.")
    overall.chart = bar_chart_for(
        overall, chart_id="chart-family-themes", desc=_("Share of conversations naming a theme.")
    )
    tables = [overall]
    by_kind = figure(figures, "themes_by_kind") or {}
    for kind in [*Labels.choice_codes("family_kind"), *sorted(by_kind)]:
        if kind not in by_kind or any(t.name == f"themes_by_kind.{kind}" for t in tables):
            continue
        table = share_table(
            name=f"themes_by_kind.{kind}",
            title=_("Top themes: %(kind)s") % {"kind": labels.choice("family_kind", kind)},
            current=by_kind.get(kind),
            previous=figure(prev, f"themes_by_kind.{kind}"),
            denominator=figure(figures, f"conversations.by_kind.{kind}", 0),
            previous_denominator=figure(prev, f"conversations.by_kind.{kind}", 0),
            label=theme,
            order=order,
            additive=False,
            sort_by_value=True,
            limit=5,
            base=f"conversations.by_kind.{kind}",
            **common,
        )
        tables.append(table)
    return Section("themes", _("What the conversations are about"), tables)


def _bridging_section(figures, prev, labels, common, bridged, prev_bridged, bridging_row):
    tables = [
        Table(name="bridging", title=_("Bridging"), kind="mixed", rows=[bridging_row]),
        share_table(
            name="bridging.for",
            title=_("Whom the bridging was for"),
            current=figure(figures, "bridging.for"),
            previous=figure(prev, "bridging.for"),
            denominator=bridged,
            previous_denominator=prev_bridged,
            label=lambda code: labels.choice("bridged_for", code),
            order=Labels.choice_codes("bridged_for"),
            keep_all=True,
            base="bridging.contacts",
            **common,
        ),
    ]
    for name, title, family in (
        ("bridging.methods", _("How the bridging was done"), "family_method"),
        ("bridging.destinations", _("Where to"), "destination"),
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
        table.note = _("A bridging can name several, so the shares need not add up.")
        table.chart = bar_chart_for(
            table, chart_id=f"chart-family-{name.replace('.', '-')}", desc=str(title)
        )
        tables.append(table)
    return Section("bridging", _("Bridging"), tables)


def _inquiries_section(figures, prev, labels, common, inquiries_row, with_relative_row):
    inquiries, prev_inquiries = figure(figures, "inquiries.total"), figure(prev, "inquiries.total")
    with_relative = figure(figures, "youth_contacts_with_relative.total")
    prev_with_relative = figure(prev, "youth_contacts_with_relative.total")
    by_relation = count_table(
        name="inquiries.by_relation",
        title=_("Inquiries by relation"),
        current=figure(figures, "inquiries.by_relation"),
        previous=figure(prev, "inquiries.by_relation"),
        total=inquiries,
        previous_total=prev_inquiries,
        label=lambda code: labels.term("relation", code),
        order=labels.term_order("relation"),
        keep_all=False,
        total_label=_("Inquiries in total"),
        base="inquiries.total",
        **common,
    )
    by_reason = share_table(
        name="inquiries.by_reason",
        title=_("Inquiries by reason"),
        current=figure(figures, "inquiries.by_reason"),
        previous=figure(prev, "inquiries.by_reason"),
        denominator=inquiries,
        previous_denominator=prev_inquiries,
        label=lambda code: labels.choice("inquiry_reason", code),
        order=Labels.choice_codes("inquiry_reason"),
        keep_all=True,
        base="inquiries.total",
        **common,
    )
    by_reason.chart = bar_chart_for(
        by_reason, chart_id="chart-inquiry-reasons", desc=_("Share of inquiries by reason.")
    )
    present = share_table(
        name="youth_contacts_with_relative.by_relation",
        title=_("Young people's conversations with a relative present, by relation"),
        current=figure(figures, "youth_contacts_with_relative.by_relation"),
        previous=figure(prev, "youth_contacts_with_relative.by_relation"),
        denominator=with_relative,
        previous_denominator=prev_with_relative,
        label=lambda code: labels.term("relation", code),
        order=labels.term_order("relation"),
        sort_by_value=True,
        base="youth_contacts_with_relative.total",
        **common,
    )
    summary = Table(
        name="inquiries",
        title=_("Relatives in contact with headspace"),
        kind="mixed",
        rows=[inquiries_row, with_relative_row],
    )
    return Section(
        "inquiries", _("Relatives' inquiries"), [summary, by_relation, by_reason, present]
    )
