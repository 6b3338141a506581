from django.apps import AppConfig


class TaxonomiesConfig(AppConfig):
    name = "frirum.taxonomies"
    label = "taxonomies"
