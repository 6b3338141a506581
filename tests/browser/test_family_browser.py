"""A Family counsellor registers a conversation with two new relatives and a peer volunteer."""

import pytest

from frirum.accounts.models import Membership, Role
from frirum.family.models import FamilyConversation, FamilyGroup, Relative
from frirum.sites.models import Municipality, Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible

# The flush after a live-server test would take the seeded municipalities and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def family_site():
    return Site.objects.create(
        code="fam",
        name="headspace Family Aarhus",
        kind=SiteKind.FAMILY,
        municipality=Municipality.objects.get(code="751"),
    )


@pytest.fixture
def counsellor(family_site):
    user = make_user("family.staff@example.org", "Frida Familierådgiver")
    Membership.objects.create(user=user, site=family_site, role=Role.EMPLOYED_COUNSELLOR)
    return user


@pytest.fixture
def peer(family_site):
    user = make_user("peer@example.org", "Pia Peer")
    Membership.objects.create(user=user, site=family_site, role=Role.PEER_VOLUNTEER)
    return user


def log_in(page, live_server, user) -> None:
    # Headless Chromium may send en-US whatever the context's locale: ask for Danish, the
    # interface's default, explicitly.
    page.context.set_extra_http_headers({"Accept-Language": "da-DK,da;q=0.9"})
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    # The header's language switch is a submit button too: press the login form's own.
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def test_it_registers_a_family_conversation_with_two_relatives_and_a_peer(
    page, live_server, counsellor, peer
):
    log_in(page, live_server, counsellor)
    page.goto(f"{live_server.url}/s/fam/family/")
    assert_accessible(page)
    page.get_by_role("link", name="Registrér en Family-samtale").first.click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)

    page.get_by_label("Familiesamtale uden den unge").check()
    page.fill("#id_family_group", "new")
    page.select_option("#id_new-0-relation", label="Forælder")
    page.fill("#id_new-0-label", "Mor")
    page.select_option("#id_new-1-relation", label="Bedsteforælder")
    page.fill("#id_new-1-label", "Mormor")
    page.get_by_label("Peer-frivillig").select_option(label="Pia Peer")
    page.get_by_label("Udfordringer relateret til forældreevnen").check()
    page.get_by_label("Brobygget til anden hjælp").check()
    page.get_by_label("Den unge", exact=True).check()
    page.get_by_label("Gjort opmærksom på tilbud").check()
    page.get_by_label("headspace-center").check()
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state("networkidle")

    conversation = FamilyConversation.objects.get()
    assert page.url.endswith(f"/family/conversations/{conversation.code}/")
    assert conversation.kind == "family_without_youth"
    assert conversation.peer_volunteer == peer
    assert conversation.peer_volunteer_present
    assert conversation.counsellor == counsellor
    assert sorted(r.label for r in conversation.relatives.all()) == ["Mor", "Mormor"]
    assert conversation.family_group is not None
    assert conversation.bridged_for == "youth"
    page.get_by_text("Første møde").first.wait_for()
    assert_accessible(page)

    # The dashboard counts it this week, with a peer volunteer, and lists the open bridging.
    page.goto(f"{live_server.url}/s/fam/family/")
    assert "100 %" in page.inner_text("main")
    page.get_by_role("button", name="Fulgt op").click()
    page.wait_for_load_state("networkidle")
    conversation.refresh_from_db()
    assert conversation.bridging_followed_up_at is not None


def test_it_keeps_what_was_typed_when_a_label_identifies_someone(
    page, live_server, counsellor, peer
):
    log_in(page, live_server, counsellor)
    page.goto(f"{live_server.url}/s/fam/family/conversations/new/")
    page.get_by_label("Pårørendesamtale (en pårørende alene)").check()
    page.select_option("#id_new-0-relation", label="Forælder")
    page.fill("#id_new-0-label", "Mor 20304050")
    page.fill("#id_note", "Talte om skolen")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state("networkidle")

    assert FamilyConversation.objects.count() == 0
    assert page.input_value("#id_new-0-label") == "Mor 20304050"
    assert page.input_value("#id_note") == "Talte om skolen"
    assert page.locator("#id_new-0-label_error").is_visible()
    assert_accessible(page)


def test_it_picks_relatives_by_family_group_and_search(
    page, live_server, family_site, counsellor, peer
):
    parent = Term.objects.get(vocabulary=Vocabulary.RELATION, code="parent")
    group = FamilyGroup.objects.create(site=family_site, label="Tirsdag")
    mum = Relative.objects.create(label="Mor", relation=parent, family_group=group)
    dad = Relative.objects.create(label="Far", relation=parent, family_group=group)
    aunt = Relative.objects.create(label="Moster", relation=parent, registered_at_site=family_site)
    log_in(page, live_server, counsellor)
    page.goto(f"{live_server.url}/s/fam/family/conversations/new/")
    page.get_by_label("Familiesamtale uden den unge").check()

    # Choosing the family group (found by typing, from the browser's list) ticks its relatives.
    page.fill("#id_family_group", group.code)
    page.locator("#id_family_group").press("Tab")
    page.locator(f"#relative-{dad.code}").wait_for()
    assert page.is_checked(f"#relative-{mum.code}")
    assert page.is_checked(f"#relative-{dad.code}")

    # Search-as-you-type finds the aunt by part of her label; tick her, untick the father.
    page.get_by_label("Søg pårørende").press_sequentially("most")
    page.locator(f"#relative-{aunt.code}").wait_for()
    assert not page.is_checked(f"#relative-{aunt.code}")
    page.get_by_label("Moster").check()
    page.get_by_label("Far").uncheck()
    assert_accessible(page)

    page.get_by_label("Peer-frivillig").select_option(label="Pia Peer")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(lambda url: "/new/" not in url)

    conversation = FamilyConversation.objects.get()
    assert sorted(r.label for r in conversation.relatives.all()) == ["Mor", "Moster"]
    assert conversation.family_group == group
    aunt.refresh_from_db()
    assert aunt.family_group == group


def test_it_deletes_a_family_group_from_its_page_after_a_confirm_page(
    page, live_server, family_site, counsellor
):
    group = FamilyGroup.objects.create(site=family_site, label="Hansen")
    relation = Term.objects.get(vocabulary=Vocabulary.RELATION, code="parent")
    relative = Relative.objects.create(
        relation=relation, registered_at_site=family_site, family_group=group
    )
    log_in(page, live_server, counsellor)
    page.goto(f"{live_server.url}/family/relatives/{relative.code}/")
    page.get_by_role("link", name="Slet", exact=True).click()
    assert page.get_by_role("heading", name="Slet pårørende").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/family/groups/{group.code}/")
    page.get_by_role("link", name="Slet", exact=True).click()
    assert page.get_by_role("heading", name="Slet familiegruppe").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Slet", exact=True).click()
    page.wait_for_url(f"{live_server.url}/s/{family_site.code}/family/groups/")
    assert not FamilyGroup.objects.exists()
    assert not Relative.objects.exists()
