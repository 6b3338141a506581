from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frirum.core"
    label = "core"
    default = True

    def ready(self) -> None:
        from django import forms

        from frirum.core import checks  # noqa: F401 - registers the deploy checks
        from frirum.lib.text import validate_no_control_characters

        # Every text field of every form, the admin's included, refuses control characters:
        # one rule in one place rather than a mixin that a new form could forget. Subclasses
        # with their own validators (e-mail, URL, slug) refuse them already.
        if validate_no_control_characters not in forms.CharField.default_validators:
            forms.CharField.default_validators = [
                *forms.CharField.default_validators,
                validate_no_control_characters,
            ]
