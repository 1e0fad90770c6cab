"""The shared social record: case files (expedients), their history, interventions,
attachments, coded problems, and the one chronological timeline per person."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import TimeStampedModel, ValidityPeriod, VersionedModel


class Sensitivity(models.TextChoices):
    """Special categories: masked unless the user's role and relation to the case allow."""

    NONE = "", _("None")
    GENDER_VIOLENCE = "gender_violence", _("Gender violence")
    HEALTH = "health", _("Health")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation and gender identity")
    MINORS = "minors", _("Minors at risk")
    JUSTICE = "justice", _("Justice")


class Confidentiality(models.TextChoices):
    TEAM = "team", _("The whole team of the case")
    NAMED = "named", _("Only the professionals named")
    SPECIALISED = "specialised", _("Only the specialised service")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CaseFile(VersionedModel):
    """An expedient, for a household or a single person, owned by one ABSS."""

    # Set by ``records.selectors.case_find_for``: every participation, current and past.
    participations: list["CaseParticipant"]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("case number"), max_length=32, unique=True)
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case_files",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_case_files",
        help_text=_("For a case about one person only."),
    )
    abss = models.ForeignKey("territory.Abss", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    reference_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reference professional"),
        on_delete=models.PROTECT,
        related_name="reference_cases",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        indexes = [
            models.Index(fields=["reference_professional", "status"]),
            models.Index(fields=["abss", "status"]),
        ]

    def __str__(self):
        return self.number


class CaseParticipant(ValidityPeriod):
    """Who a case covers, over time (household members come and go)."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="case_participations"
    )

    class Meta:
        indexes = [models.Index(fields=["person", "case"])]


class CaseAssignment(ValidityPeriod):
    """History of who holds a case: reference professional, team, ABSS, municipality."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="assignments")
    reference_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    abss = models.ForeignKey("territory.Abss", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]


class CaseEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    REASSIGNED = "reassigned", _("Reassigned")
    JOINED = "joined", _("Person added")
    LEFT = "left", _("Person no longer in it")


class CaseEvent(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=CaseEventKind.choices)
    on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class CaseAccess(ValidityPeriod):
    """Access of a specialised-service team to a case it was referred, while the referral
    is open (the referrals app opens and ends these)."""

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="accesses")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)
    source = models.CharField(max_length=100, blank=True)  # e.g. "referrals.referral:42"


class InterventionKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE_CALL = "phone_call", _("Phone call")
    COORDINATION = "coordination", _("Coordination meeting")
    REPORT = "report", _("Report")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment")
    GROUP_SESSION = "group_session", _("Group session")
    OTHER = "other", _("Other")


class Intervention(TimeStampedModel):
    # Set by the records selectors on the interventions they read (not stored):
    readable: bool  # whether this reader sees the content, not only that it exists
    named_ids: frozenset[int]  # the professionals named on it
    files: list["Attachment"]

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="interventions")
    kind = models.CharField(_("type"), max_length=14, choices=InterventionKind.choices)
    occurred_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    summary = models.TextField(_("summary"))
    confidentiality = models.CharField(
        _("who can read it"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.TEAM,
    )
    sensitivity = models.CharField(
        _("special category"), max_length=20, choices=Sensitivity.choices, blank=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The author's team (service) when it was written: "specialised" confidentiality
    # opens the entry to that team only.
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    professionals = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("professionals")
    )
    persons = models.ManyToManyField(
        "people.Person", related_name="interventions", blank=True, verbose_name=_("persons")
    )

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        indexes = [models.Index(fields=["case", "occurred_on"])]


class Attachment(TimeStampedModel):
    """A file on an intervention, served only through the same access check."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )


class ProblemCategory(models.Model):
    """The maintained list of social problem categories (loaded as data)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=100)
    sensitivity = models.CharField(max_length=20, choices=Sensitivity.choices, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")

    def __str__(self):
        return self.name


class CaseProblem(TimeStampedModel):
    # Set by ``records.selectors.case_get_for`` (not stored): names in the reader's
    # language, and whether this reader sees which problem it is.
    label: str
    group_label: str
    readable: bool

    case = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="problems")
    category = models.ForeignKey(ProblemCategory, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)


class TimelineEntry(models.Model):
    """One line of a person's life-course timeline. Every app's services add entries for
    what they record (interventions now; assessments, plans, referrals, benefits and
    activities later), so the timeline is one indexed, pageable table."""

    # Set by ``records.selectors.timeline_for`` (not stored):
    summary: str  # the intervention's summary, "" for other entries or when masked
    kind_label: str  # what an entry is about ("intervention", "case", "plan"...)
    readable: bool  # whether this reader sees the entry's title and summary

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="timeline_entries"
    )
    case = models.ForeignKey(CaseFile, null=True, blank=True, on_delete=models.CASCADE)
    on = models.DateField()
    kind = models.CharField(max_length=40)  # e.g. "intervention.home_visit", "case.opened"
    title = models.CharField(max_length=200)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    sensitivity = models.CharField(max_length=20, choices=Sensitivity.choices, blank=True)
    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.TEAM
    )
    # Whose entry it is, recorded when written: its author (the referral's sender for a
    # referral's lines) and the author's team ("specialised" confidentiality).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["person", "-on", "-id"])]


class Complexity(models.TextChoices):
    """A case's complexity, from the latest finalised SSM-CAT assessment (screening)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CaseStanding(models.Model):
    """Where a case file stands, one row per case file: the read model kept by
    ``records.standing`` (its only writer). Denormalised so the segmentation of the whole
    consortium is one index-only GROUP BY: who holds the case and whether it is open (a
    copy of the case file), its current complexity (the latest finalised SSM-CAT
    assessment of someone in it) and the next review of its active plan."""

    case = models.OneToOneField(
        CaseFile, primary_key=True, on_delete=models.CASCADE, related_name="standing"
    )
    status = models.CharField(max_length=8, default="open")
    abss = models.ForeignKey(
        "territory.Abss", null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    team = models.ForeignKey(
        "organisations.Team",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    reference_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    level = models.CharField(max_length=6, choices=Complexity.choices, blank=True)
    assessment = models.ForeignKey(
        "screening.Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)  # the active plan's next review

    class Meta:
        indexes = [
            # Covers the segmentation query: no table row is read.
            models.Index(
                fields=["status", "abss", "team", "reference_professional", "level",
                        "assessed_on", "review_due"],
                name="standing_segmentation",
            )
        ]  # fmt: skip


class SubjectAccessExport(models.Model):
    """A subject-access export as it will be given to the person: prepared (third parties
    redacted), reviewed by the data-protection officer, and only then released. What is
    downloaded is this reviewed copy, never a fresh, unreviewed one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(encoder=DjangoJSONEncoder)
    third_parties_redacted = models.PositiveIntegerField(default=0)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "-prepared_at"], name="subject_access_newest")]
