from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomiesConfig(AppConfig):
    name = "frirum.taxonomies"
    label = "taxonomies"
    # The admin's section heading.
    verbose_name = _("Lists of values")
