from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "frirum.questionnaires"
    label = "questionnaires"
    # The admin's section heading.
    verbose_name = _("Questionnaires")
