from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_search_index(sender, using, **kwargs) -> None:
    from frirum.people import search_index

    search_index.ensure(connections[using])


class PeopleConfig(AppConfig):
    name = "frirum.people"
    label = "people"
    # The admin's section heading.
    verbose_name = _("Young people")

    def ready(self) -> None:
        from frirum.people import checks  # noqa: F401 - registers the search index check

        post_migrate.connect(_repair_search_index, sender=self)
