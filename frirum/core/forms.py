from django.forms.renderers import TemplatesSetting


class FrirumFormRenderer(TemplatesSetting):
    """Renders every form in the design system's markup, errors next to their fields."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
