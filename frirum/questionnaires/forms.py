from django import forms
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

from frirum.core.forms import SafeModelMultipleChoiceField
from frirum.questionnaires.models import Instrument
from frirum.questionnaires.selectors import Section


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        help_text=_("The code you got from your counsellor, e.g. 7KQ4-M2XP-Q9RT-CWHF."),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "form-input youth-code-input",
                # questionnaires/code-link.js fills in the code from the QR code's link.
                "data-code-from-link": "",
            }
        ),
    )


def item_field_name(item) -> str:
    return f"item_{item.pk}"


class AnswerForm(forms.Form):
    """One optional radio question per item of the site's current questionnaire."""

    def __init__(self, *args, sections: list[Section], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        english = (get_language() or "da").startswith("en")
        for section in sections:
            version = section.version
            for item in section.items:
                anchors = item.anchors or {}
                choices = []
                for value in range(version.scale_min, version.scale_max + 1):
                    anchor = anchors.get(str(value), {})
                    choices.append((value, anchor.get("en" if english else "da", "")))
                self.fields[item_field_name(item)] = forms.TypedChoiceField(
                    label=item.text,
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    widget=forms.RadioSelect,
                )

    def clean(self):
        cleaned = super().clean()
        if not any(value is not None for value in cleaned.values()):
            raise forms.ValidationError(_("Answer at least one question before you send."))
        return cleaned

    def values(self) -> dict[int, int]:
        """Item id -> value of the answered questions."""
        return {
            item.pk: self.cleaned_data[item_field_name(item)]
            for section in self.sections
            for item in section.items
            if self.cleaned_data.get(item_field_name(item)) is not None
        }

    def rendered_sections(self) -> list[dict]:
        """The sections with their bound fields and scale, for the youth template."""
        result = []
        for section in self.sections:
            questions = []
            for item in section.items:
                field = self[item_field_name(item)]
                options = [
                    {
                        "value": value,
                        "anchor": label,
                        "id": f"{field.auto_id}_{index}",
                        "checked": str(field.value()) == str(value),
                    }
                    for index, (value, label) in enumerate(field.field.choices)
                ]
                # Every scale reads the same way round, its good end last: a scale where
                # lower is better (self-efficacy: 1 = very well, as stored and exchanged) is
                # shown from its bad end, by its words alone (5 before 1 would confuse).
                reversed_scale = section.version.direction == "lower"
                if reversed_scale:
                    options.reverse()
                # And it says so: the two ends are named on the answers themselves, whichever
                # way the options are laid out (a column on a phone, a row of numbers).
                # Only the presentation: the stored value stays the scale's own.
                if len(options) > 1:
                    options[0]["end"] = pgettext("scale end", "worst")
                    options[-1]["end"] = pgettext("scale end", "best")
                questions.append(
                    {"item": item, "field": field, "options": options, "reversed": reversed_scale}
                )
            result.append(
                {
                    "instrument": section.instrument,
                    "version": section.version,
                    "wide": section.version.scale_max - section.version.scale_min >= 6,
                    "questions": questions,
                }
            )
        return result


class SiteInstrumentsForm(forms.Form):
    instruments = SafeModelMultipleChoiceField(
        label=_("Questionnaires after a conversation"),
        help_text=_("Choose none to use the network's defaults."),
        queryset=Instrument.objects.order_by("position", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
