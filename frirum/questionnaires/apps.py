from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "frirum.questionnaires"
    label = "questionnaires"
