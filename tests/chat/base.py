"""Chat tests build on the shared base: its national chat site (`chat`) gets counsellors of
its own; site A's people are the wrong site for it."""

import datetime as dt

from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.chat import actions
from frirum.chat.models import Chat
from tests.base import BaseTestCase, make_user


class ChatTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.chat_volunteer = make_user("chat.volunteer@example.org", "Chat Frivillig")
        cls.chat_volunteer2 = make_user("chat.volunteer2@example.org", "Chat Frivillig To")
        cls.chat_chief = make_user("chat.chief@example.org", "Chat Leder")
        cls.chat_employed = make_user("chat.employed@example.org", "Chat Ansat")
        for user, role in (
            (cls.chat_volunteer, Role.VOLUNTEER_COUNSELLOR),
            (cls.chat_volunteer2, Role.VOLUNTEER_COUNSELLOR),
            (cls.chat_chief, Role.CENTRE_CHIEF),
            (cls.chat_employed, Role.EMPLOYED_COUNSELLOR),
        ):
            Membership.objects.create(user=user, site=cls.chat, role=role)


def start(site, **answers) -> tuple[Chat, str]:
    return actions.start_chat(site=site, **answers)


def ago(**kwargs) -> dt.datetime:
    return timezone.now() - dt.timedelta(**kwargs)
