import datetime as dt
import re

from frirum.audit.models import AuditEntry
from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.sites.models import Municipality
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_contact, make_youth, term
from tests.contacts.factories import contact_post


class ContactCreateTestCase(BaseTestCase):
    def url(self, site=None):
        return f"/s/{(site or self.site_a).code}/contacts/new/"

    def post(self, **overrides):
        overrides.setdefault("counsellors", [str(self.volunteer_a.pk)])
        data = contact_post(self.site_a, **overrides)
        return self.client.post(self.url(), data)

    def test_it_shows_the_form_with_defaults(self):
        self.login(self.volunteer_a)
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        form = r.context["form"]
        self.assertEqual(form.initial["channel"], "in_person")
        self.assertEqual(form.initial["counsellors"], [self.volunteer_a.pk])
        self.assertIsNotNone(form.initial["date"])
        self.assertContains(r, "Registrér samtale")  # Danish by default

    def test_it_asks_known_or_new_under_its_own_legend(self):
        # A screen reader hears the section's legend, then the choice's: not "Ung" twice.
        self.login(self.volunteer_a)
        content = self.client.get(self.url()).content.decode()
        legends = re.findall(r"<legend[^>]*>([^<]*)", content)
        self.assertEqual(legends.count("Ung"), 1, legends)
        self.assertIn("Er den unge kendt eller ny?", legends)

    def test_it_defaults_to_chat_on_a_chat_site(self):
        self.login(self.secretariat)
        r = self.client.get(self.url(self.chat))
        self.assertEqual(r.context["form"].initial["channel"], "chat")

    def test_it_registers_a_conversation_with_a_new_young_person(self):
        self.login(self.volunteer_a)
        bridging = {
            "bridged": "on",
            "bridging_methods": [str(term(Vocabulary.YOUTH_BRIDGING_METHOD, "helped_contact").pk)],
            "bridging_destinations": [str(term(Vocabulary.DESTINATION, "gp").pk)],
        }
        r = self.post(
            counsellors=[str(self.volunteer_a.pk), str(self.a_employed_counsellor.pk)], **bridging
        )
        contact = Contact.objects.get()
        self.assertRedirects(r, f"/contacts/{contact.code}/")
        self.assertEqual(contact.site, self.site_a)
        self.assertEqual(contact.date, dt.date(2025, 3, 4))
        self.assertEqual(contact.time, dt.time(14, 30))
        self.assertEqual(contact.age, 16)
        self.assertTrue(contact.bridged)
        self.assertEqual(contact.created_by, self.volunteer_a)
        self.assertEqual(
            set(contact.counsellors.all()), {self.volunteer_a, self.a_employed_counsellor}
        )
        self.assertEqual([t.code for t in contact.themes.all()], ["anxiety"])
        self.assertEqual([t.code for t in contact.bridging_destinations.all()], ["gp"])
        youth = contact.youth
        self.assertEqual(youth.nickname, "Solsikke")
        self.assertEqual(youth.registered_at_site, self.site_a)
        self.assertTrue(youth.code.startswith("U-"))
        audited = set(AuditEntry.objects.values_list("object_type", "action"))
        self.assertEqual(audited, {("people.youth", "create"), ("contacts.contact", "create")})

    def test_it_registers_a_conversation_with_an_existing_young_person(self):
        youth = make_youth(self.site_a, nickname="Ræven")
        self.login(self.volunteer_a)
        r = self.post(youth_mode="existing", youth=youth.code)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Contact.objects.get().youth, youth)
        self.assertEqual(Youth.objects.count(), 1)

    def test_it_takes_a_chosen_hit_as_choosing_an_existing_young_person(self):
        youth = make_youth(self.site_a)
        self.login(self.volunteer_a)
        r = self.post(youth_mode="", youth=youth.code)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Contact.objects.get().youth, youth)

    def test_it_refuses_another_sites_young_person(self):
        other = make_youth(self.site_b)
        self.login(self.volunteer_a)
        r = self.post(youth_mode="existing", youth=other.code)
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Contact.objects.exists())
        self.assertTrue(r.context["form"].errors["youth"])

    def test_it_needs_a_young_person(self):
        self.login(self.volunteer_a)
        r = self.post(youth_mode="")
        self.assertEqual(r.status_code, 400)
        self.assertIn("youth_mode", r.context["form"].errors)
        self.assertFalse(Youth.objects.exists())

    def test_it_refuses_a_phone_number_in_the_note_and_keeps_what_was_typed(self):
        self.login(self.volunteer_a)
        r = self.post(note="Ring til hende på 22 33 44 55", new_nickname="Månen")
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "telefonnummer", status_code=400)
        self.assertContains(r, "Månen", status_code=400)
        self.assertContains(r, "Ring til hende", status_code=400)
        self.assertFalse(Contact.objects.exists())
        self.assertFalse(Youth.objects.exists())

    def test_it_refuses_a_cpr_number_and_an_email_in_free_text(self):
        self.login(self.volunteer_a)
        r = self.post(note="cpr 010203-1234", new_nickname="a@b.dk")
        self.assertEqual(r.status_code, 400)
        errors = r.context["form"].errors
        self.assertIn("note", errors)
        self.assertIn("new_nickname", errors)

    def test_it_refuses_bridging_details_without_bridged(self):
        self.login(self.volunteer_a)
        method = term(Vocabulary.YOUTH_BRIDGING_METHOD, "accompanied")
        r = self.post(bridging_methods=[str(method.pk)])
        self.assertEqual(r.status_code, 400)
        self.assertIn("bridged", r.context["form"].errors)

    def test_it_refuses_an_age_out_of_range(self):
        self.login(self.volunteer_a)
        r = self.post(age="120")
        self.assertEqual(r.status_code, 400)
        self.assertIn("age", r.context["form"].errors)

    def test_it_offers_only_active_terms(self):
        Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME, code="grief").update(is_active=False)
        self.login(self.volunteer_a)
        r = self.client.get(self.url())
        codes = {t.code for t in r.context["form"].fields["themes"].queryset}
        self.assertNotIn("grief", codes)
        self.assertIn("anxiety", codes)
        grief = term(Vocabulary.YOUTH_THEME, "grief")
        r = self.post(themes=[str(grief.pk)])
        self.assertEqual(r.status_code, 400)

    def test_it_offers_only_the_sites_counsellors(self):
        self.login(self.volunteer_a)
        r = self.client.get(self.url())
        people = set(r.context["form"].fields["counsellors"].queryset)
        self.assertIn(self.a_employed_counsellor, people)
        self.assertNotIn(self.volunteer_b, people)
        r = self.post(counsellors=[str(self.volunteer_b.pk)])
        self.assertEqual(r.status_code, 400)

    def test_it_searches_without_saving_and_keeps_what_was_typed(self):
        youth = make_youth(self.site_a, nickname="Stjernen")
        make_youth(self.site_b, nickname="Stjerneskud")
        self.login(self.volunteer_a)
        r = self.post(action="search", youth_q="stjern", note="halvt skrevet")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["youth_hits"], [youth])
        self.assertContains(r, "halvt skrevet")
        self.assertNotContains(r, "Stjerneskud")
        self.assertFalse(Contact.objects.exists())

    def test_it_prefills_from_the_young_persons_latest_conversation(self):
        youth = make_youth(self.site_a)
        make_contact(self.site_a, youth, age=15, education_status="employed")
        self.login(self.volunteer_a)
        r = self.client.get(self.url() + f"?youth={youth.code}")
        initial = r.context["form"].initial
        self.assertEqual(initial["youth"], youth.code)
        self.assertEqual(initial["education_status"], "employed")
        self.assertGreaterEqual(initial["age"], 15)
        self.assertEqual(r.context["youth_hits"][0], youth)

    def test_it_404s_a_preselected_young_person_from_another_site(self):
        other = make_youth(self.site_b)
        self.login(self.volunteer_a)
        r = self.client.get(self.url() + f"?youth={other.code}")
        self.assertEqual(r.status_code, 404)

    def test_it_404s_the_form_for_the_wrong_site_and_role(self):
        for user in (self.volunteer_b, self.chief_b, self.viewer_ballerup, self.outsider):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404, user)
            r = self.client.post(self.url(), contact_post(self.site_a))
            self.assertEqual(r.status_code, 404, user)
        self.assertFalse(Contact.objects.exists())

    def test_it_cannot_register_at_a_site_the_user_does_not_belong_to(self):
        self.login(self.volunteer_a)
        r = self.post(site=str(self.site_b.pk))
        self.assertEqual(r.status_code, 400)
        self.assertIn("site", r.context["form"].errors)

    def test_it_asks_anonymous_visitors_to_log_in(self):
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 302)
        self.assertIn("/login/", r["Location"])


class RegistrationQueriesTestCase(BaseTestCase):
    """The user's sites, the counsellor ticking themselves and the site's own municipality are
    known from the memberships the request reads anyway: the registration asks no more."""

    def test_it_registers_with_a_bounded_number_of_queries(self):
        self.login(self.volunteer_a)
        url = f"/s/{self.site_a.code}/contacts/new/"
        data = contact_post(self.site_a, counsellors=[str(self.volunteer_a.pk)])
        self.client.get(url)  # the session exists before the count
        # Session, the user with their memberships, themes; then in one transaction (no
        # savepoint) the young person, the conversation, its two links and both audit
        # entries in one INSERT.
        with self.assertNumQueries(10):
            r = self.client.post(url, data)
        self.assertEqual(r.status_code, 302)
        contact = Contact.objects.get()
        self.assertEqual(list(contact.counsellors.all()), [self.volunteer_a])
        self.assertEqual(contact.youth.residence_municipality, self.site_a.municipality)

    def test_it_still_checks_another_counsellor_and_municipality(self):
        self.login(self.volunteer_a)
        other = Municipality.objects.exclude(pk=self.site_a.municipality_id).first()
        r = self.client.post(
            f"/s/{self.site_a.code}/contacts/new/",
            contact_post(
                self.site_a,
                counsellors=[str(self.volunteer_a.pk), str(self.a_employed_counsellor.pk)],
                new_residence_municipality=str(other.pk),
            ),
        )
        self.assertEqual(r.status_code, 302)
        contact = Contact.objects.get()
        self.assertEqual(
            set(contact.counsellors.all()), {self.volunteer_a, self.a_employed_counsellor}
        )
        self.assertEqual(contact.youth.residence_municipality, other)

    def test_it_refuses_a_counsellor_ticking_themselves_at_another_site(self):
        # The secretariat reads every site but is no counsellor at any.
        self.login(self.secretariat)
        r = self.client.post(
            f"/s/{self.site_a.code}/contacts/new/",
            contact_post(self.site_a, counsellors=[str(self.secretariat.pk)]),
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("counsellors", r.context["form"].errors)
        self.assertFalse(Contact.objects.exists())
