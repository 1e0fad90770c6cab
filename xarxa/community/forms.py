from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.competences import ActicLevel, actic_choices, digcomp_choices
from xarxa.community.figures import DIMENSIONS
from xarxa.community.models import (
    ActivityKind,
    AgeBand,
    Axis,
    Gender,
    Moment,
    Origin,
    OutcomeKind,
    PointKind,
    Situation,
    TargetGroup,
)
from xarxa.core.forms import date_field


class PointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=PointKind.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=300,
        required=False,
        help_text=_("For example: Monday to Friday 16:00-20:00"),
    )
    accessibility = forms.CharField(label=_("Accessibility"), max_length=500, required=False)
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    description = forms.CharField(
        label=_("Public description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    active = forms.BooleanField(label=_("Open"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    axis = forms.ChoiceField(label=_("Axis"), choices=Axis.choices)
    kind = forms.ChoiceField(label=_("Type"), choices=ActivityKind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    digcomp = forms.MultipleChoiceField(
        label=_("DigComp 2.2 competences worked"),
        choices=digcomp_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    actic = forms.MultipleChoiceField(
        label=_("ACTIC competences (when preparing the certificate)"),
        choices=actic_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    ends_on = date_field(_("Ends on"), required=False)
    schedule = forms.CharField(
        label=_("Schedule"),
        max_length=200,
        required=False,
        help_text=_("For example: Tuesdays and Thursdays 10:00-12:00"),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Empty: no limit"),
    )


class SessionForm(forms.Form):
    first = date_field(_("Date"), initial=timezone.localdate)
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(
        label=_("Repeat every week, for how many weeks"), min_value=1, max_value=52, initial=1
    )


class ProfileFields(forms.Form):
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    age_band = forms.ChoiceField(label=_("Age band"), choices=AgeBand.choices)
    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices)
    origin = forms.ChoiceField(label=_("Origin"), choices=Origin.choices, initial="not_stated")


class ParticipantForm(ProfileFields):
    registered = forms.BooleanField(label=_("Register with name (needs consent)"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Surnames"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    consent = forms.BooleanField(
        label=_("The participant agrees that the point keeps their name and contact"),
        required=False,
    )


class FromReferralForm(ProfileFields):
    referral = forms.ChoiceField(label=_("Person referred by social services"))
    consent = forms.BooleanField(
        label=_("The person agrees to be registered at the point with their name"),
        required=False,
    )

    def __init__(self, *args, referrals=(), **kwargs):
        super().__init__(*args, prefix="ref", **kwargs)
        self.fields["referral"].choices = [
            (str(r.public_id), f"{r.person.display_name} · {r.created_at:%d/%m/%Y}")
            for r in referrals
        ]


class WalkInForm(ParticipantForm):
    pass


class EnrolForm(forms.Form):
    participant = forms.UUIDField(label=_("Participant"))


class SelfAssessmentForm(forms.Form):
    moment = forms.ChoiceField(label=_("When"), choices=Moment.choices)

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(domains)
        for domain in self.domains:
            self.fields[f"level-{domain.code}"] = forms.TypedChoiceField(
                label=domain.name,
                coerce=int,
                choices=[(n, f"{n} · {domain.level_text(n)}") for n in range(1, 6)],
                widget=forms.RadioSelect,
            )

    def scores(self):
        return {d.code: self.cleaned_data.get(f"level-{d.code}") for d in self.domains}


class ActicForm(forms.Form):
    level = forms.ChoiceField(label=_("ACTIC level"), choices=ActicLevel.choices)
    obtained_on = date_field(_("Obtained on"), initial=timezone.localdate)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


DIMENSION_CHOICES = [(key, label) for key, (label, _choices) in DIMENSIONS.items()]


class FiguresForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    subject = forms.ChoiceField(label=_("Figures of"), required=False)
    rows = forms.ChoiceField(label=_("Rows"), choices=DIMENSION_CHOICES, initial="axis")
    cols = forms.ChoiceField(label=_("Columns"), choices=DIMENSION_CHOICES, initial="gender")

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects


class ConnectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Connection"), choices=[])
    mbps = forms.IntegerField(label=_("Speed (Mbit/s)"), min_value=0, required=False)
    public_wifi = forms.BooleanField(label=_("Wi-Fi for participants"), required=False)

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import ConnectionKind

        super().__init__(*args, prefix="connection", **kwargs)
        self.fields["kind"].choices = ConnectionKind.choices


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    label = forms.CharField(label=_("Name or inventory number"), max_length=100)
    year = forms.IntegerField(label=_("Year bought"), required=False)
    loanable = forms.BooleanField(label=_("Can be lent to participants"), required=False)

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import DeviceKind

        super().__init__(*args, prefix="device", **kwargs)
        self.fields["kind"].choices = DeviceKind.choices


class LoanForm(forms.Form):
    device = forms.UUIDField(label=_("Device"))
    participant = forms.UUIDField(label=_("Participant"))
    due_on = date_field(_("Due back on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="loan", **kwargs)


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    description = forms.CharField(label=_("What happens or what is needed"), max_length=500)
    device = forms.UUIDField(label=_("Device (if it is about one)"), required=False)
    estimated_cost = forms.IntegerField(label=_("Estimated cost (€)"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import IncidentKind

        super().__init__(*args, prefix="incident", **kwargs)
        self.fields["kind"].choices = IncidentKind.choices


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    framework = forms.ChoiceField(label=_("Framework"), choices=[], required=False)
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}))
    partners = forms.CharField(
        label=_("Partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Local entities, schools, services: one per line."),
    )
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    ends_on = date_field(_("Ends on"), required=False)

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import Framework

        super().__init__(*args, **kwargs)
        self.fields["framework"].choices = Framework.choices


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=[])
    summary = forms.CharField(
        label=_("What it is and how to use it"), widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    axes = forms.MultipleChoiceField(
        label=_("Axes"), choices=Axis.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    digcomp = forms.MultipleChoiceField(
        label=_("DigComp 2.2 competences"),
        choices=digcomp_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import ResourceKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResourceKind.choices


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = date_field(_("Starts on"), initial=timezone.localdate)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=500)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    competences = forms.MultipleChoiceField(
        label=_("Competences"), choices=[], widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import FACILITATOR_COMPETENCES

        super().__init__(*args, **kwargs)
        self.fields["competences"].choices = list(FACILITATOR_COMPETENCES.items())


class HelpRequestForm(forms.Form):
    abss = forms.ModelChoiceField(label=_("Social services area"), queryset=None)
    reason = forms.CharField(
        label=_("Why the person needs social services"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    consent = forms.BooleanField(
        label=_("The person agrees that the point asks social services to contact them"),
        required=False,
    )
    consent_method = forms.ChoiceField(label=_("How the person agreed"), choices=[])

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import ConsentMethodChoices
        from xarxa.territory.models import Abss

        super().__init__(*args, prefix="help", **kwargs)
        self.fields["abss"].queryset = Abss.objects.order_by("name")
        self.fields["consent_method"].choices = ConsentMethodChoices


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class StopForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)
    place = forms.CharField(label=_("Place"), max_length=200)
    weekday = forms.TypedChoiceField(label=_("Day"), coerce=int, choices=[])
    starts_at = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args, **kwargs):
        from xarxa.community.models import Weekday
        from xarxa.territory.models import Municipality

        super().__init__(*args, prefix="stop", **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["weekday"].choices = Weekday.choices


class DividesForm(forms.Form):
    divides = forms.MultipleChoiceField(
        label=_("Digital divides seen"),
        choices=[
            ("access", _("Access: no device or connection of their own")),
            ("use", _("Use: lacks the skills to use them")),
            ("outcomes", _("Outcomes: does not get what they need online")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
