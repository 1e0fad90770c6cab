from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core import validators
from xarxa.core.forms import DATE_ERROR, DateInput, date_field
from xarxa.people.models import (
    PERSON_FIELDS,
    ChannelKind,
    ConsentMethod,
    ConsentPurpose,
    DocumentKind,
    EmergencyReason,
    GrantOutcome,
    Person,
    Protection,
    Relationship,
)
from xarxa.people.services import MIN_REASON_LENGTH, normalise_channel, normalise_document
from xarxa.territory.models import Municipality


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
        fields = PERSON_FIELDS  # the API schemas are built from the same list
        widgets = {"birth_date": DateInput()}
        error_messages = {"birth_date": DATE_ERROR}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["given_names"].widget.attrs["autocomplete"] = "off"

    def clean_birth_date(self):
        day = self.cleaned_data.get("birth_date")
        validators.validate_birth_date(day)
        return day


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
    email = forms.CharField(label=_("Email"), required=False, max_length=200)
    may_contact_email = forms.BooleanField(
        label=_("The person agrees to be contacted by email"), required=False
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
        for field, kind in (("mobile", ChannelKind.MOBILE), ("email", ChannelKind.EMAIL)):
            if data.get(field):
                try:
                    normalise_channel(kind, data[field])
                except ValidationError as error:
                    self.add_error(field, error)
        return data


class EditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Identity document"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Document number"), max_length=32)

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("number"):
            try:
                data["number"] = normalise_document(data["kind"], data["number"])
            except ValidationError as error:
                self.add_error("number", error)
        return data


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Channel"), choices=ChannelKind.choices)
    value = forms.CharField(label=_("Number or address"), max_length=200)
    may_contact = forms.BooleanField(
        label=_("The person agrees to be contacted this way"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("value"):
            try:
                normalise_channel(data["kind"], data["value"])
            except ValidationError as error:
                self.add_error("value", error)
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        min_length=MIN_REASON_LENGTH,
        error_messages={
            "required": _("Write the reason."),
            "min_length": _("Explain the reason in a sentence (at least 15 characters)."),
        },
    )


class EmergencyAccessForm(ReasonForm):
    """Emergency access: the kind of emergency from a list and the reason in words."""

    field_order = ["reason_kind", "reason"]
    reason_kind = forms.ChoiceField(
        label=_("Kind of emergency"),
        choices=[("", _("Choose…")), *EmergencyReason.choices],
        error_messages={
            "required": _("Choose the kind of emergency from the list."),
            "invalid_choice": _("Choose the kind of emergency from the list."),
        },
    )


class GrantReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=GrantOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the outcome of the review."),
            "invalid_choice": _("Choose the outcome of the review."),
        },
    )
    follow_up = forms.CharField(
        label=_("Follow-up (when not justified)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class MergeReasonForm(ReasonForm):
    reason = forms.CharField(
        label=_("Why are these the same person?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        min_length=MIN_REASON_LENGTH,
        error_messages=ReasonForm.base_fields["reason"].error_messages,
    )


class UndoReasonForm(ReasonForm):
    reason = forms.CharField(
        label=_("Why undo this merge?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        min_length=MIN_REASON_LENGTH,
        error_messages=ReasonForm.base_fields["reason"].error_messages,
    )


class MergeChooseForm(forms.Form):
    other = forms.CharField(
        label=_("Identifier of the other record"),
        max_length=64,
        help_text=_("Copy it from the address of the other person's page."),
    )


class HouseholdForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), required=False
    )
    relationship = forms.ChoiceField(
        label=_("This person's relationship to the reference person"),
        choices=Relationship.choices,
        initial=Relationship.REFERENCE,
    )
    valid_from = date_field(_("Living there since"), initial=timezone.localdate)


class MembershipForm(forms.Form):
    """Add a person (searched by the caller) to a household, or move them into it."""

    person = forms.CharField(label=_("Person identifier"), max_length=64)
    relationship = forms.ChoiceField(
        label=_("Relationship to the reference person"), choices=Relationship.choices
    )
    valid_from = date_field(_("Living there since"), initial=timezone.localdate)


class MembershipEndForm(forms.Form):
    """The person no longer lives in the household (left, died, went into care)."""

    valid_until = date_field(_("Last day living there"), initial=timezone.localdate)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_on = date_field(_("Given on"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("How it was given"), choices=ConsentMethod.choices)
    expires_on = date_field(_("Expires on"), required=False)


class ProtectionForm(forms.Form):
    protection = forms.ChoiceField(
        label=_("Protection"), choices=Protection.choices, required=False
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Write the reason for this decision.")},
    )


class RestrictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Write the reason for this decision.")},
    )
