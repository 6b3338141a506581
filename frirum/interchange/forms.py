from django import forms
from django.utils.translation import gettext_lazy as _

# Far above a national dataset's zip; stops an accidental upload of something else entirely.
MAX_UPLOAD_BYTES = 2 * 1024**3


class UploadForm(forms.Form):
    dataset = forms.FileField(
        label=_("Dataset (.zip)"),
        help_text=_("A .zip of the CSV files of interchange format v1; sites.csv is required."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_dataset(self):
        upload = self.cleaned_data["dataset"]
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Choose a .zip file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class TokenForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
