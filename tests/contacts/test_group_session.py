"""A group session registers every participant's conversation in one go, all or nothing."""

from frirum.audit.models import AuditEntry
from frirum.contacts.models import Contact, GroupSession
from frirum.people.models import Youth
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, make_youth, term


class GroupSessionTestCase(BaseTestCase):
    url = "/s/alpha/groups/new/"

    def post(self, rows, **overrides):
        data = {
            "title": "Angstgruppe",
            "date": "2025-04-02",
            "time": "16:00",
            "channel": "in_person",
            "counsellors": [str(self.volunteer_a.pk), str(self.chief_a.pk)],
            "duration_minutes": "90",
            "themes": [str(term(Vocabulary.YOUTH_THEME, "anxiety").pk)],
            "p-TOTAL_FORMS": str(max(len(rows), 3)),
            "p-INITIAL_FORMS": "0",
            "p-MIN_NUM_FORMS": "0",
            "p-MAX_NUM_FORMS": "40",
        }
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"p-{i}-{key}"] = value
        for i in range(len(rows), max(len(rows), 3)):
            data[f"p-{i}-new_gender"] = "unknown"
        data.update(overrides)
        return self.client.post(self.url, data)

    def test_it_shows_the_form(self):
        self.login(self.volunteer_a)
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(r.context["formset"].forms), 6)

    def test_it_registers_one_group_contact_per_participant(self):
        known = make_youth(self.site_a, nickname="Kendt")
        self.login(self.volunteer_a)
        r = self.post(
            [
                {"youth": known.code, "age": "17", "new_gender": "unknown"},
                {"new_nickname": "Ny", "new_gender": "male"},
                {"new_nickname": "", "new_gender": "female", "age": "15"},
            ]
        )
        session = GroupSession.objects.get()
        self.assertRedirects(r, f"/groups/{session.pk}/")
        contacts = Contact.objects.filter(group_session=session)
        self.assertEqual(contacts.count(), 3)
        self.assertEqual({c.kind for c in contacts}, {"group"})
        self.assertEqual({c.duration_minutes for c in contacts}, {90})
        self.assertEqual(contacts.get(youth=known).age, 17)
        self.assertEqual(Youth.objects.count(), 3)
        self.assertEqual(
            AuditEntry.objects.filter(object_type="contacts.contact", action="create").count(), 3
        )

    def test_it_finds_a_participant_by_nickname(self):
        known = make_youth(self.site_a, nickname="Kendt")
        self.login(self.volunteer_a)
        self.post([{"youth": "kendt", "new_gender": "unknown"}])
        self.assertEqual(Contact.objects.get().youth, known)

    def test_it_writes_nothing_when_one_participant_is_wrong(self):
        other = make_youth(self.site_b, nickname="Fremmed")
        self.login(self.volunteer_a)
        r = self.post(
            [
                {"new_nickname": "Ny", "new_gender": "male"},
                {"youth": other.code, "new_gender": "unknown"},
            ]
        )
        self.assertEqual(r.status_code, 400)
        self.assertFalse(GroupSession.objects.exists())
        self.assertFalse(Contact.objects.exists())
        self.assertEqual(Youth.objects.count(), 1)  # only the other site's

    def test_it_refuses_a_phone_number_as_nickname(self):
        self.login(self.volunteer_a)
        r = self.post([{"new_nickname": "22334455", "new_gender": "male"}])
        self.assertEqual(r.status_code, 400)
        self.assertIn("new_nickname", r.context["formset"].forms[0].errors)

    def test_it_refuses_the_same_young_person_twice(self):
        known = make_youth(self.site_a, nickname="Kendt")
        self.login(self.volunteer_a)
        r = self.post(
            [
                {"youth": known.code, "new_gender": "unknown"},
                {"youth": known.code, "new_gender": "unknown"},
            ]
        )
        self.assertEqual(r.status_code, 400)
        self.assertTrue(r.context["formset"].non_form_errors())

    def test_it_needs_a_participant(self):
        self.login(self.volunteer_a)
        r = self.post([])
        self.assertEqual(r.status_code, 400)
        self.assertFalse(GroupSession.objects.exists())

    def test_it_registers_a_large_group(self):
        self.login(self.volunteer_a)
        rows = [{"new_nickname": f"Deltager {i}", "new_gender": "other"} for i in range(25)]
        r = self.post(rows)
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Contact.objects.count(), 25)

    def test_it_deletes_the_session_and_its_conversations_with_audit(self):
        self.login(self.a_employed_counsellor)
        self.post([{"new_nickname": "Ny", "new_gender": "male"}])
        session = GroupSession.objects.get()
        self.assertEqual(self.client.get(f"/groups/{session.pk}/").status_code, 200)
        r = self.client.post(f"/groups/{session.pk}/delete/")
        self.assertRedirects(r, "/s/alpha/dashboard/")
        self.assertFalse(Contact.objects.exists())
        deleted = set(
            AuditEntry.objects.filter(action="delete").values_list("object_type", flat=True)
        )
        self.assertEqual(deleted, {"contacts.contact", "contacts.groupsession"})
