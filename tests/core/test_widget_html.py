"""frirum.core.widget_html builds exactly the markup of the widget templates it stands in for."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.test import SimpleTestCase
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from frirum.core.forms import FrirumFormRenderer

CHOICES = [
    ("", "---------"),
    ("a", "Plain"),
    ("b&c", 'Quote " and <tag> & ampersand'),
    (3, gettext_lazy("Danish")),
    ("safe", mark_safe("<b>bold</b>")),
    (
        gettext_lazy("Group"),
        [("g1", "In a group"), ("g2", "Also <here>")],
    ),
]


def _widgets():
    yield forms.Select(choices=CHOICES)
    yield forms.Select(choices=CHOICES, attrs={"class": "form-select wide", "disabled": True})
    yield forms.Select(choices=CHOICES, attrs={"class": "extra", "required": False, "data-x": 0})
    yield forms.SelectMultiple(choices=CHOICES, attrs={"aria-describedby": "help-x"})
    yield forms.NullBooleanSelect()
    yield forms.RadioSelect(choices=CHOICES, attrs={"id": "id_r", "class": "inline"})
    yield forms.RadioSelect(choices=CHOICES)
    yield forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"id": "id_c", "required": True})
    yield forms.CheckboxSelectMultiple(choices=[])
    yield forms.TextInput()
    yield forms.TextInput(attrs={"class": "form-input wide", "maxlength": 40, "required": True})
    yield forms.TextInput(attrs={"class": "extra", "disabled": False, "data-x": 'a "b" <c>'})
    yield forms.NumberInput(attrs={"inputmode": "numeric"})
    yield forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    yield forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    yield forms.EmailInput()
    yield forms.PasswordInput(render_value=True)
    yield forms.HiddenInput()
    yield forms.HiddenInput(attrs={"class": "kept"})
    yield forms.FileInput()
    yield forms.Textarea(attrs={"rows": 3})
    yield forms.Textarea(attrs={"class": "form-input big"})
    yield forms.CheckboxInput()
    yield forms.CheckboxInput(attrs={"class": "switch", "aria-controls": "x"})


class WidgetHtmlTests(SimpleTestCase):
    def test_it_builds_the_templates_markup(self):
        fast, reference = FrirumFormRenderer(), TemplatesSetting()
        values = [None, "", "a", ["b&c", "g2"], 3, "safe", True, False, mark_safe("<i>")]
        for widget in _widgets():
            for value in values:
                if isinstance(widget, forms.NullBooleanSelect) and isinstance(value, list):
                    continue  # not a value that widget takes
                if isinstance(widget, forms.Select) and value == "<i>":
                    continue  # a choice value marked safe: not something a form gives
                for attrs in (None, {"id": "id_field"}):
                    with self.subTest(widget=type(widget).__name__, value=value, attrs=attrs):
                        self.assertEqual(
                            widget.render("field", value, attrs=attrs, renderer=fast),
                            widget.render("field", value, attrs=attrs, renderer=reference),
                        )

    def test_it_escapes_labels_and_values(self):
        html = forms.Select(choices=CHOICES).render("f", "b&c", renderer=FrirumFormRenderer())
        self.assertIn('value="b&amp;c" selected', html)
        self.assertIn("Quote &quot; and &lt;tag&gt; &amp; ampersand", html)
        self.assertIn("<b>bold</b>", html)  # a label marked safe stays as it is

    def test_it_escapes_typed_values(self):
        fast = FrirumFormRenderer()
        html = forms.TextInput().render("f", 'a "b" <script>', renderer=fast)
        self.assertIn('value="a &quot;b&quot; &lt;script&gt;"', html)
        html = forms.Textarea().render("f", "</textarea><script>", renderer=fast)
        self.assertIn("&lt;/textarea&gt;&lt;script&gt;</textarea>", html)

    def test_it_leaves_other_templates_to_the_template_engine(self):
        html = forms.SplitDateTimeWidget().render("f", None, renderer=FrirumFormRenderer())
        self.assertIn('class="form-input"', html)
