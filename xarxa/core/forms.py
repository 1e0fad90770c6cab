from django import forms
from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import AuditAction


def flash_errors(request, form) -> None:
    """For a small form posted from a list page: its errors as messages on the page
    the user is sent back to."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


DATE_ERROR = {"invalid": _("Enter a date as day, month and year.")}


def date_field(label, *, required=True, initial=None):
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        widget=DateInput(),
        error_messages=DATE_ERROR,
    )


class OnDateForm(forms.Form):
    """Choose the date at which a time-versioned fact is shown."""

    on = forms.DateField(
        label=_("As on date"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date as day, month and year.")},
    )

    def day(self):
        if self.is_valid() and self.cleaned_data.get("on"):
            return self.cleaned_data["on"]
        return timezone.localdate()


class AuditSearchForm(forms.Form):
    person = forms.CharField(label=_("Person identifier"), required=False, max_length=64)
    username = forms.CharField(label=_("Staff username"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditAction.choices],
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date as day, month and year.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date as day, month and year.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date cannot be before the start date."))
        return data
