from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frirum.core.uploads import max_upload_bytes


def too_large_message():
    return _("The file is larger than the %(mb)s MB an upload may be.") % {
        "mb": settings.FRIRUM_UPLOAD_MAX_MB
    }


class UploadForm(forms.Form):
    dataset = forms.FileField(
        label=_("Dataset (.zip)"),
        help_text=_("A .zip of the CSV files of interchange format v1; sites.csv is required."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def __init__(self, *args, refused: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The upload handlers skipped the file for its size (frirum.core.uploads).
        self.refused = refused

    def clean(self):
        if self.refused:
            self.errors.pop("dataset", None)
            self.add_error("dataset", too_large_message())
        return super().clean()

    def clean_dataset(self):
        upload = self.cleaned_data["dataset"]
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Choose a .zip file."))
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message())
        return upload


class TokenForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
