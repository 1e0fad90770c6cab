from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.forms import date_field
from xarxa.records.models import Confidentiality, InterventionKind, Sensitivity
from xarxa.records.problems import GROUPS, PROBLEMS, group_name, problem_name


def _staff_label(user) -> str:
    return user.get_full_name() or user.username


class InterventionForm(forms.Form):
    """The quick note after an interview: the summary first (it has the focus), sensible
    defaults for the rest, so the common case is type and press Save."""

    summary = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
        max_length=10000,
        error_messages={"required": _("Write what happened.")},
    )
    kind = forms.ChoiceField(label=_("Type"), choices=InterventionKind.choices, initial="interview")
    occurred_on = date_field(_("Date"), initial=timezone.localdate)
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=1, max_value=600, initial=30
    )
    confidentiality = forms.ChoiceField(
        label=_("Who can read it"), choices=Confidentiality.choices, initial="team"
    )
    sensitivity = forms.ChoiceField(
        label=_("Special category"), choices=Sensitivity.choices, required=False
    )
    persons = forms.TypedMultipleChoiceField(
        label=_("People involved"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone in the case file if none is ticked."),
    )
    professionals = forms.TypedMultipleChoiceField(
        label=_("Other professionals"),
        coerce=int,
        required=False,
        help_text=_("They can read the note even when it is for named professionals only."),
    )

    def __init__(self, *args, participants=(), colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        people = [(p.person_id, p.person.display_name) for p in participants]
        self.fields["persons"].choices = people
        self.fields["persons"].initial = [p.person_id for p in participants]
        self.fields["professionals"].choices = [(u.pk, _staff_label(u)) for u in colleagues]
        self.fields["professionals"].widget.attrs["size"] = min(max(len(colleagues), 2), 6)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=200, error_messages={"required": _("Write the reason.")}
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReassignForm(forms.Form):
    """Hand a case over. Carries the version and the values the user started from, so a
    stale save is refused saying what someone else changed."""

    reference_professional = forms.TypedChoiceField(label=_("Reference professional"), coerce=int)
    team = forms.TypedChoiceField(label=_("Team"), coerce=int)
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    reason = forms.CharField(
        label=_("Reason"), max_length=200, error_messages={"required": _("Write the reason.")}
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    was_reference_professional = forms.IntegerField(widget=forms.HiddenInput)
    was_team = forms.IntegerField(widget=forms.HiddenInput)
    was_municipality = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, professionals, teams, municipalities, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "reference_professional": case.reference_professional_id,
                "team": case.team_id,
                "municipality": case.municipality_id,
                "version": case.version,
                "was_reference_professional": case.reference_professional_id,
                "was_team": case.team_id,
                "was_municipality": case.municipality_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["reference_professional"].choices = [
            (u.pk, _staff_label(u)) for u in professionals
        ]
        self.fields["team"].choices = [(t.pk, f"{t.name} ({t.abss})") for t in teams]
        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]

    def original(self) -> dict:
        data = self.cleaned_data
        return {
            "reference_professional_id": data["was_reference_professional"],
            "team_id": data["was_team"],
            "municipality_id": data["was_municipality"],
        }


def problem_choices():
    """Categories grouped as in the catalogue, names in the reader's language."""
    grouped = {}
    for code, (group, _name, _sensitivity) in PROBLEMS.items():
        grouped.setdefault(group, []).append((code, f"{problem_name(code)} ({code})"))
    return [("", _("Choose a problem"))] + [
        (group_name(group), grouped[group]) for group in GROUPS if group in grouped
    ]


class ProblemForm(forms.Form):
    category = forms.ChoiceField(label=_("Problem"), choices=problem_choices)
    started_on = date_field(_("Since"), initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class ProblemEndForm(forms.Form):
    ended_on = date_field(_("Until"), initial=timezone.localdate)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, ODT or DOCX, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.odt,.docx"}),
    )


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("intervention", _("Interventions")),
            ("case", _("Case files")),
            ("assessment", _("Assessments")),
            ("plan", _("Intervention plans")),
        ],
    )
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)
    case = forms.ChoiceField(label=_("Case file"), required=False)

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("All case files"))] + [
            (str(c.public_id), c.number) for c in cases
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class ParticipantAddForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    on = date_field(_("In the case file since"), initial=timezone.localdate)


class ParticipantEndForm(forms.Form):
    on = date_field(_("Last day in the case file"), initial=timezone.localdate)


class CaseOpenForm(forms.Form):
    """Open a case file: the reference professional is the user unless they choose a
    colleague of the same ABSS (e.g. the worker of the family's area)."""

    reference_professional = forms.TypedChoiceField(
        label=_("Reference professional"), coerce=int, required=False
    )
    opened_on = date_field(_("Opened on"), initial=timezone.localdate, required=False)

    def __init__(self, *args, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self.professionals = {u.pk: u for u in professionals}
        self.fields["reference_professional"].choices = [
            (u.pk, _staff_label(u)) for u in professionals
        ]

    def opening(self) -> dict:
        data = self.cleaned_data
        return {
            "reference_professional": self.professionals.get(data["reference_professional"]),
            "opened_on": data["opened_on"],
        }
