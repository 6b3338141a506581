"""`frirum anonymity-scan`: stored texts and codes that the current guard would refuse."""

import io

from django.core.management import CommandError, call_command

from frirum.contacts.models import GroupSession
from frirum.core.anonymity.scan import scan
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth
from tests.family.helpers import make_conversation, make_group, make_relative


class AnonymityScanTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Stored before the guard knew better: written straight to the database.
        cls.youth = make_youth(cls.site_a, code="Mads Jensen navn@gmail.com", nickname="Mads")
        cls.contact = make_contact(
            cls.site_a, youth=make_youth(cls.site_a), note="ring 2O 34 56 78"
        )
        cls.clean_contact = make_contact(cls.site_a, note="Talte om eksamen, 2 x 45 min")
        cls.outreach = make_outreach(cls.site_b, note="snap: mads_j99")
        cls.group = GroupSession.objects.create(
            site=cls.site_a, date="2025-03-04", title="Nørrebrogade 12, 2. th"
        )
        cls.relative = make_relative(cls.family_site, label="Sofie Hansen")
        cls.family_group = make_group(cls.family_site, label="Mor og far")
        cls.conversation = make_conversation(cls.family_site, note="cpr 010190-1234")

    def _run(self, *args) -> tuple[int, str]:
        out = io.StringIO()
        try:
            call_command("anonymity-scan", *args, stdout=out, stderr=io.StringIO())
        except SystemExit as exc:
            return exc.code, out.getvalue()
        return 0, out.getvalue()

    def test_it_lists_every_refused_text_and_code_without_the_text(self):
        status, output = self._run()
        self.assertEqual(status, 1)
        lines = output.splitlines()[1:]
        rows = {tuple(line.split("\t")[:5]) for line in lines}
        self.assertEqual(
            rows,
            {
                ("alpha", "email", "people.Youth", str(self.youth.pk), "code"),
                ("alpha", "phone", "contacts.Contact", str(self.contact.pk), "note"),
                ("beta", "social", "contacts.Outreach", str(self.outreach.pk), "note"),
                ("alpha", "address", "contacts.GroupSession", str(self.group.pk), "title"),
                ("fam", "name", "family.Relative", str(self.relative.pk), "label"),
                ("fam", "cpr", "family.FamilyConversation", str(self.conversation.pk), "note"),
            },
        )
        for secret in ("gmail", "Jensen", "56 78", "mads_j99", "Nørrebrogade", "Sofie", "1234"):
            self.assertNotIn(secret, output)

    def test_it_names_the_rule(self):
        _status, output = self._run("--site", "fam")
        rules = {line.split("\t")[5] for line in output.splitlines()[1:]}
        self.assertEqual(rules, {"name.first-and-surname", "cpr.date-and-serial"})

    def test_it_exits_0_when_nothing_is_found(self):
        status, output = self._run("--site", "alpha-sat")
        self.assertEqual(
            (status, output.splitlines()), (0, ["site\tkind\tmodel\trecord_id\tfield\trule"])
        )

    def test_it_refuses_an_unknown_site(self):
        with self.assertRaises(CommandError):
            call_command("anonymity-scan", "--site", "nowhere", stdout=io.StringIO())

    def test_it_scans_many_records_in_chunks(self):
        for _ in range(30):
            make_contact(self.site_b, note="Mødtes ved Netto kl. 14.30-15.15")
        make_contact(self.site_b, note="mail: ung (at) example punktum dk")
        found = list(scan({self.site_b.pk}, chunk_size=7))
        self.assertEqual([f.kind for f in found], ["email", "social"])


def test_it_scans_every_text_and_code_field_of_the_record_apps():
    from django.apps import apps
    from django.db import models

    from frirum.core.anonymity.scan import SCANNED_BY_MODEL

    missing = []
    for app in ("people", "contacts", "family"):
        for model in apps.get_app_config(app).get_models():
            label = f"{model._meta.app_label}.{model.__name__}"
            spec = SCANNED_BY_MODEL.get(label)
            covered = set(spec.texts + spec.codes) if spec else set()
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField) and not field.choices:
                    if field.name not in covered:
                        missing.append(f"{label}.{field.name}")
    assert missing == []
