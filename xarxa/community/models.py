"""The Òmnia network and community spaces: a point's profile on top of its team,
activities on the three axes, sessions, participants (registered with consent, or
anonymous), attendance, the participant's path, and the compact tallies the figures read.

Facilitators are not stored here: they are the staff holding a dated Òmnia-facilitator
assignment in the point's team (``accounts.Assignment``)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.community.competences import ActicLevel
from xarxa.core.models import TimeStampedModel, ValidityPeriod, VersionedModel
from xarxa.referrals.models import ConsentMethod

ConsentMethodChoices = ConsentMethod.choices  # the referrals' ways of recording consent


class PointKind(models.TextChoices):
    OMNIA = "omnia", _("Punt Òmnia")
    ACTIVAT = "activat", _("Espai Activa't")
    CIVIC = "civic", _("Civic centre")
    COMMUNITY = "community", _("Community centre")
    MOBILE = "mobile", _("Mobile (itinerant) point")


class Axis(models.TextChoices):
    LEARNING = "learning", _("Digital learning")
    LABOUR = "labour", _("Socio-labour insertion")
    COMMUNITY = "community", _("Community action")


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    OPEN_ACCESS = "open_access", _("Open free-access time")
    SUPPORT = "support", _("Individual support (online procedure, job search)")
    PROJECT = "project", _("Community project session")


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    OLDER = "older", _("Older people")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    YOUNG = "young", _("Young people")
    CHILDREN = "children", _("Children")
    FAMILIES = "families", _("Families")
    WOMEN = "women", _("Women")
    MIGRANTS = "migrants", _("Newly arrived people")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    NOT_STATED = "not_stated", _("Not stated")


class AgeBand(models.TextChoices):
    UNDER_16 = "u16", _("Under 16")
    FROM_16 = "16_29", _("16 to 29")
    FROM_30 = "30_44", _("30 to 44")
    FROM_45 = "45_64", _("45 to 64")
    FROM_65 = "65", _("65 or over")
    NOT_STATED = "not_stated", _("Not stated")


class Origin(models.TextChoices):
    SPAIN = "spain", _("Born in Spain")
    EU = "eu", _("Born elsewhere in the EU")
    NON_EU = "non_eu", _("Born outside the EU")
    NOT_STATED = "not_stated", _("Not stated")


class Situation(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    EMPLOYED = "employed", _("Employed")
    RETIRED = "retired", _("Retired")
    STUDENT = "student", _("Studying")
    FAMILY = "family", _("Caring for a family")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class Point(VersionedModel):
    """A Punt Òmnia or another community space, on top of the team that runs it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.OneToOneField(
        "organisations.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="community_point",
    )
    kind = models.CharField(_("type"), max_length=12, choices=PointKind.choices)
    name = models.CharField(_("name"), max_length=200)
    managing_entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("managing entity"),
        on_delete=models.PROTECT,
        related_name="community_points",
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="community_points",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    accessibility = models.CharField(
        _("accessibility"),
        max_length=500,
        blank=True,
        help_text=_("Step-free entrance, accessible toilet, hearing loop, accessibility kit…"),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    description = models.TextField(_("public description"), blank=True)
    active = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("point")
        verbose_name_plural = _("points")

    def __str__(self):
        return self.name


class Activity(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    axis = models.CharField(_("axis"), max_length=10, choices=Axis.choices)
    kind = models.CharField(_("type"), max_length=12, choices=ActivityKind.choices)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    digcomp = models.JSONField(_("DigComp 2.2 competences"), default=list, blank=True)
    actic = models.JSONField(_("ACTIC competences"), default=list, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    project = models.ForeignKey(
        "Project",
        verbose_name=_("community project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["point", "starts_on"])]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title


class Session(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="sessions")
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        ordering = ["date", "starts_at"]
        indexes = [
            models.Index(fields=["point", "date"]),
            models.Index(fields=["date", "activity"]),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class Participant(TimeStampedModel):
    """Registered (name and contact, with consent) or anonymous (only what the figures
    need). The link to a person of the social record is made only through the people
    app's selectors, by someone who may read that person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="participants")
    registered = models.BooleanField(_("registered"), default=False)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("surnames"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=12, choices=AgeBand.choices)
    origin = models.CharField(
        _("origin"), max_length=12, choices=Origin.choices, default=Origin.NOT_STATED
    )
    situation = models.CharField(_("situation"), max_length=12, choices=Situation.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Digital divides seen by the facilitator (None: not assessed): first level, access to
    # a device and a connection; second, skills and use; third, getting outcomes from use.
    divide_access = models.BooleanField(_("no device or connection of their own"), null=True)
    divide_use = models.BooleanField(_("lacks the skills to use them"), null=True)
    divide_outcomes = models.BooleanField(
        _("does not get what they need online (procedures, work, services)"), null=True
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registered=False) | models.Q(consent_on__isnull=False),
                name="registered_participant_has_consent",
            ),
            models.CheckConstraint(
                condition=models.Q(registered=True)
                | models.Q(first_name="", last_name="", phone="", email=""),
                name="anonymous_participant_has_no_identity",
            ),
        ]

    @property
    def display_name(self) -> str:
        if self.registered:
            return f"{self.first_name} {self.last_name}".strip()
        return str(_("Anonymous participant"))


class Enrolment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "participant"], name="one_enrolment")
        ]


class Attendance(models.Model):
    """One use: a participant present at a session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="attendances"
    )
    walk_in = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_attendance")
        ]


class ParticipantYear(models.Model):
    """Compact tally kept by the attendance service: one row per participant, point and
    year, with their profile as it was and their uses per axis. The figures group these
    rows; ``figures_rebuild`` recomputes them from the attendance."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=12)
    age_band = models.CharField(max_length=12)
    origin = models.CharField(max_length=12)
    situation = models.CharField(max_length=12)
    uses_learning = models.PositiveIntegerField(default=0)
    uses_labour = models.PositiveIntegerField(default=0)
    uses_community = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "point", "year"], name="one_participant_year"
            )
        ]
        indexes = [
            models.Index(fields=["year", "point"]),
            models.Index(fields=["year", "entity"]),
        ]


class UseMonth(models.Model):
    """Uses per point, month, axis and gender, for the figures over time."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="+")
    entity = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()  # the first day of the month
    axis = models.CharField(max_length=10)
    gender = models.CharField(max_length=12)
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["point", "month", "axis", "gender"], name="one_use_month"
            )
        ]
        indexes = [models.Index(fields=["month", "point"])]


class Moment(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")


class SelfAssessment(models.Model):
    """The DigComp self-assessment (the screening app's instrument, its domains and level
    texts) answered by a participant before or after an activity."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="self_assessments"
    )
    instrument = models.ForeignKey(
        "screening.Instrument", on_delete=models.PROTECT, related_name="+"
    )
    moment = models.CharField(_("moment"), max_length=6, choices=Moment.choices)
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    scores = models.JSONField(default=dict)  # domain code -> level 1..5
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessed_on", "pk"]


class ActicResult(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="actic_results"
    )
    level = models.CharField(_("ACTIC level"), max_length=1, choices=ActicLevel.choices)
    obtained_on = models.DateField(_("obtained on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["obtained_on"]


class OutcomeKind(models.TextChoices):
    JOB_FOUND = "job_found", _("Found a job")
    TRAINING_STARTED = "training", _("Started a training course")
    PROCEDURE_DONE = "procedure", _("Completed an online procedure on their own")


class Outcome(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=OutcomeKind.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on"]


# --- equipment and connectivity ----------------------------------------------------------


class ConnectionKind(models.TextChoices):
    FIBRE = "fibre", _("Fibre")
    ADSL = "adsl", _("ADSL or cable")
    MOBILE = "mobile", _("Mobile (4G/5G)")
    SATELLITE = "satellite", _("Satellite")
    NONE = "none", _("No connection")


class Connection(models.Model):
    """A point's internet connection as it is now."""

    point = models.OneToOneField(Point, on_delete=models.CASCADE, related_name="connection")
    kind = models.CharField(_("connection"), max_length=10, choices=ConnectionKind.choices)
    mbps = models.PositiveIntegerField(_("speed (Mbit/s)"), null=True, blank=True)
    public_wifi = models.BooleanField(_("Wi-Fi for participants"), default=False)
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)


class DeviceKind(models.TextChoices):
    DESKTOP = "desktop", _("Desktop computer")
    LAPTOP = "laptop", _("Laptop")
    TABLET = "tablet", _("Tablet")
    PHONE = "phone", _("Mobile phone")
    PRINTER = "printer", _("Printer or scanner")
    PROJECTOR = "projector", _("Projector or screen")
    ACCESSIBILITY = "accessibility", _("Accessibility kit")


class DeviceState(models.TextChoices):
    WORKING = "working", _("Working")
    REPAIR = "repair", _("Needs repair")
    BROKEN = "broken", _("Broken")
    RETIRED = "retired", _("Retired")


class Device(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="devices")
    kind = models.CharField(_("type"), max_length=14, choices=DeviceKind.choices)
    label = models.CharField(_("name or inventory number"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=DeviceState.choices, default=DeviceState.WORKING
    )
    loanable = models.BooleanField(_("can be lent to participants"), default=False)

    class Meta:
        ordering = ["kind", "label"]


class Loan(models.Model):
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="loans")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="loans")
    lent_on = models.DateField(_("lent on"), default=timezone.localdate)
    due_on = models.DateField(_("due back on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-lent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=models.Q(returned_on__isnull=True),
                name="one_open_loan_per_device",
            )
        ]


class IncidentKind(models.TextChoices):
    INCIDENT = "incident", _("Incident")
    NEED = "need", _("Need (for investment)")


class Incident(models.Model):
    """Something broken, or something the point needs: the technical office plans
    investment from these."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="incidents")
    device = models.ForeignKey(
        Device, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    kind = models.CharField(_("type"), max_length=8, choices=IncidentKind.choices)
    description = models.CharField(_("what happens or what is needed"), max_length=500)
    estimated_cost = models.PositiveIntegerField(_("estimated cost (€)"), null=True, blank=True)
    reported_on = models.DateField(default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["resolved_on", "-reported_on"]


# --- community projects ------------------------------------------------------------------------


class Framework(models.TextChoices):
    NONE = "", _("None")
    PLACI = "placi", _("PLACI (local plan for inclusive community action)")
    ISOLATION = "isolation", _("Comunitats contra l'aïllament")
    ROMA = "roma", _("Pla integral del poble gitano")
    OTHER = "other", _("Another plan or programme")


class Project(TimeStampedModel):
    """Project-based community intervention: goals, partners, linked activities and
    results, within a programme's framework when there is one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    framework = models.CharField(
        _("framework"), max_length=10, choices=Framework.choices, blank=True, default=""
    )
    goals = models.TextField(_("goals"))
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("Local entities, schools, services: one per line.")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "title"]

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]


# --- the network's shared knowledge ----------------------------------------------------------


class ResourceKind(models.TextChoices):
    MATERIAL = "material", _("Teaching material")
    DESIGN = "design", _("Activity design")
    GUIDE = "guide", _("Guide")


class Resource(TimeStampedModel):
    """A material, activity design or guide shared across the network."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, choices=ResourceKind.choices)
    summary = models.TextField(_("what it is and how to use it"))
    link = models.URLField(_("link"), blank=True)
    axes = models.JSONField(_("axes"), default=list, blank=True)
    digcomp = models.JSONField(_("DigComp 2.2 competences"), default=list, blank=True)
    contributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    point = models.ForeignKey(
        Point, null=True, blank=True, on_delete=models.SET_NULL, related_name="resources"
    )

    class Meta:
        ordering = ["-created_at"]


class News(models.Model):
    """An announcement from the technical office to every facilitator."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]


# --- facilitator training ------------------------------------------------------------------------

FACILITATOR_COMPETENCES = {
    "community": _("Community action methodology"),
    "projects": _("Project-based work"),
    "gender": _("Gender perspective and intersectionality"),
    "digital_divides": _("Digital divides and inclusion"),
    "digcomp": _("Teaching digital competences (DigComp)"),
    "employment": _("Support for job search"),
    "e_administration": _("Online public services (e-administration)"),
}


class TrainingCourse(TimeStampedModel):
    """A course of the Òmnia training plan for facilitators."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    competences = models.JSONField(_("competences"), default=list, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]


class TrainingEnrolment(models.Model):
    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="omnia_trainings"
    )
    enrolled_on = models.DateField(default=timezone.localdate)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_training_enrolment")
        ]


# --- asking social services for help -----------------------------------------------------------


class HelpRequest(TimeStampedModel):
    """A facilitator asks the basic social services of an area to see a participant, with
    the participant's consent: a simple request now, a full referral later."""

    class State(models.TextChoices):
        SENT = "sent", _("Sent")
        SEEN = "seen", _("Seen by social services")
        ANSWERED = "answered", _("Answered")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="help_requests"
    )
    abss = models.ForeignKey(
        "territory.Abss", verbose_name=_("social services area"), on_delete=models.PROTECT
    )
    reason = models.TextField(_("why the person needs social services"))
    consent_method = models.CharField(
        _("how the person agreed"), max_length=10, choices=ConsentMethodChoices
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SENT)
    answer = models.TextField(_("answer"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Stop(ValidityPeriod):
    """Where and when a mobile point stops: its schedule across municipalities."""

    point = models.ForeignKey(Point, on_delete=models.CASCADE, related_name="stops")
    municipality = models.ForeignKey(
        "territory.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT
    )
    place = models.CharField(_("place"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))

    class Meta:
        ordering = ["weekday", "starts_at"]
