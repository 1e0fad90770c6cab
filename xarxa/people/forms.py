from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import DateInput
from xarxa.people.models import DocumentKind, Person
from xarxa.people.services import normalise_document
from xarxa.territory.models import Municipality

DATE_ERROR = {"invalid": _("Enter a date as day, month and year.")}


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, document, phone or birth date"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autofocus": True, "autocomplete": "off"}),
    )


class PersonForm(forms.ModelForm):
    """Identity and address; used to register and to edit (with the version held)."""

    class Meta:
        model = Person
        fields = [
            "given_names",
            "first_surname",
            "second_surname",
            "used_name",
            "birth_date",
            "birth_date_approximate",
            "sex",
            "nationality",
            "contact_language",
            "address",
            "postal_code",
            "municipality",
        ]
        widgets = {"birth_date": DateInput()}
        error_messages = {"birth_date": DATE_ERROR}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["given_names"].widget.attrs["autocomplete"] = "off"


class RegisterForm(PersonForm):
    document_kind = forms.ChoiceField(
        label=_("Identity document"),
        required=False,
        choices=[("", _("None or not known")), *DocumentKind.choices],
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=32)
    mobile = forms.CharField(label=_("Mobile phone"), required=False, max_length=30)
    may_contact = forms.BooleanField(
        label=_("The person agrees to be contacted on this phone"), required=False
    )
    confirm_new = forms.BooleanField(
        label=_("I have checked: none of these records is this person"), required=False
    )

    def clean(self):
        data = super().clean()
        kind, number = data.get("document_kind"), data.get("document_number", "")
        if kind and not number:
            self.add_error("document_number", _("Write the document number."))
        elif number and not kind:
            self.add_error("document_kind", _("Choose the type of document."))
        elif kind:
            try:
                data["document_number"] = normalise_document(kind, number)
            except ValidationError as error:
                self.add_error("document_number", error)
        return data


class EditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need it?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
