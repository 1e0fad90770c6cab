"""Persons, their documents and contacts, households and consents.

A person has one record for life. Nothing is keyed on an identity document: minors and
undocumented people are normal. The search index (NameToken, PersonNameToken) is kept
by ``people.search`` whenever a name changes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.core.models import TimeStampedModel, ValidityPeriod, VersionedModel


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Non-binary or other")
    UNKNOWN = "U", _("Not known")


#: The person's identity and address as the pages and the API read and change them: the
#: registration and edit forms and the API schemas are all built from this one list.
PERSON_FIELDS = (
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
)
#: Also written by the services, but on no form or schema: a special category and a detail.
PERSON_OTHER_FIELDS = ("gender_identity", "languages")


class Protection(models.TextChoices):
    """Persons whose file a second person must open in an emergency (a special category:
    on no form or schema)."""

    NONE = "", _("None")
    GENDER_VIOLENCE = "gender_violence", _("Gender-violence victim")
    RELOCATED_VICTIM = "relocated_victim", _("Relocated victim")


class Person(VersionedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_names = models.CharField(_("given name(s)"), max_length=100)
    first_surname = models.CharField(_("first surname"), max_length=100, blank=True)
    second_surname = models.CharField(_("second surname"), max_length=100, blank=True)
    used_name = models.CharField(
        _("name they use"),
        max_length=100,
        blank=True,
        help_text=_("If the person prefers another name, write it here."),
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_approximate = models.BooleanField(_("birth date is approximate"), default=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    # Sensitive (sexual orientation and gender identity): masked unless role and relation allow.
    gender_identity = models.CharField(_("gender identity"), max_length=100, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("Two-letter country code.")
    )
    languages = models.CharField(
        _("languages"), max_length=100, blank=True, help_text=_("Language codes, comma separated.")
    )
    contact_language = models.CharField(_("language for contact"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Follows from the municipality on the day the address was recorded; kept here so
    # that scoped searches over a million persons stay an index lookup.
    abss = models.ForeignKey(
        "territory.Abss",
        verbose_name=_("ABSS"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    restricted_at = models.DateTimeField(_("restricted since"), null=True, blank=True)
    restriction_reason = models.TextField(_("reason for the restriction"), blank=True)
    protection = models.CharField(
        _("protection"), max_length=20, choices=Protection.choices, default="", blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["abss", "first_surname"]),
            models.Index(fields=["birth_date"]),
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        """Codes as the standards write them, and no absurd value (core.validators)."""
        from django.core.exceptions import ValidationError

        from xarxa.core import validators

        self.nationality = (self.nationality or "").strip().upper()
        self.contact_language = (self.contact_language or "").strip().lower()
        self.languages = ",".join(
            code.strip().lower() for code in (self.languages or "").split(",") if code.strip()
        )
        self.postal_code = (self.postal_code or "").strip()
        errors: dict[str, list[str]] = {}
        for name, check in (
            ("birth_date", validators.validate_birth_date),
            ("nationality", validators.validate_country),
            ("contact_language", validators.validate_language),
            ("languages", validators.validate_languages),
            ("postal_code", validators.validate_postal_code),
        ):
            try:
                check(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)

    @property
    def display_name(self) -> str:
        if self.used_name:
            return f"{self.used_name} {self.first_surname}".strip()
        return self.full_name

    def age_on(self, day) -> int | None:
        if not self.birth_date:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self) -> bool:
        age = self.age
        return age is not None and age < 18

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None


class DocumentKind(models.TextChoices):
    DNI = "dni", _("DNI")
    NIE = "nie", _("NIE")
    PASSPORT = "passport", _("Passport")
    FOREIGN_ID = "foreign_id", _("Foreign identity document")
    CIP = "cip", _("CatSalut health card (CIP)")


class IdentityDocument(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document type"), max_length=12, choices=DocumentKind.choices)
    number = models.CharField(_("number"), max_length=32, db_index=True)
    country = models.CharField(_("issuing country"), max_length=2, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity document")
        verbose_name_plural = _("identity documents")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "number"], name="one_document_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class ChannelKind(models.TextChoices):
    MOBILE = "mobile", _("Mobile phone")
    PHONE = "phone", _("Landline")
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    POST = "post", _("Post")


class ContactChannel(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("channel"), max_length=10, choices=ChannelKind.choices)
    value = models.CharField(_("number or address"), max_length=200)
    # The digits only, for searching by phone whatever the spacing.
    search_value = models.CharField(max_length=200, db_index=True, editable=False)
    may_contact = models.BooleanField(_("the person agrees to be contacted this way"))
    consent_on = models.DateField(_("agreed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact channel")
        verbose_name_plural = _("contact channels")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class Relationship(models.TextChoices):
    REFERENCE = "reference", _("Reference person")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    RELATIVE = "relative", _("Other relative")
    GUARDIAN = "guardian", _("Legal guardian")
    CARER = "carer", _("Carer")
    OTHER = "other", _("Other")


class Household(VersionedModel):
    """A unitat de convivència: people living together at an address."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return self.address or str(self.public_id)[:8]


class HouseholdMembership(ValidityPeriod):
    """A person in a household for a period; moving keeps the history."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    relationship = models.CharField(
        _("relationship to the reference person"),
        max_length=12,
        choices=Relationship.choices,
    )

    class Meta:
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")
        indexes = [models.Index(fields=["person", "valid_until"])]


class ConsentPurpose(models.TextChoices):
    SHARE_HEALTH = "share_health", _("Share information with health services")
    SHARE_OMNIA = "share_omnia", _("Share information with the Òmnia network")
    SHARE_SERVICES = "share_services", _("Share information with other social services")
    CONTACT_SMS = "contact_sms", _("Contact by text message")
    CONTACT_WHATSAPP = "contact_whatsapp", _("Contact by WhatsApp")
    CONTACT_EMAIL = "contact_email", _("Contact by email")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed on paper")
    VERBAL = "verbal", _("Said in person, noted by the professional")
    DIGITAL = "digital", _("Given online")
    GUARDIAN = "guardian", _("Given by the legal guardian")


class Consent(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("given on"))
    method = models.CharField(_("how it was given"), max_length=10, choices=ConsentMethod.choices)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def is_active_on(self, day) -> bool:
        return (
            self.given_on <= day
            and (self.expires_on is None or day <= self.expires_on)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )


class NameToken(models.Model):
    """One normalised word of the names in use (a vocabulary of tens of thousands)."""

    text = models.CharField(max_length=60, unique=True)
    persons = models.PositiveIntegerField(default=0)  # how common: search starts with the rarest


class NameTokenVariant(models.Model):
    """A token with one letter deleted: two words one typo apart share a variant."""

    variant = models.CharField(max_length=60, db_index=True)
    token = models.ForeignKey(NameToken, on_delete=models.CASCADE, related_name="variants")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "token"], name="one_variant_per_token")
        ]


class PersonNameToken(models.Model):
    """Posting list: which persons carry which name token."""

    token = models.ForeignKey(NameToken, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "person"], name="one_posting_per_token")
        ]
        indexes = [models.Index(fields=["person", "token"])]


class PersonNamePair(models.Model):
    """Pair posting list: two name tokens one person carries, token ids in order.

    A query of two or more words starts from the persons carrying both of its two
    rarest words, so it reads about as many postings as there are answers, however
    common each word is on its own ("Maria Garcia" among a million persons).
    """

    low = models.ForeignKey(NameToken, on_delete=models.CASCADE, related_name="+", db_index=False)
    high = models.ForeignKey(NameToken, on_delete=models.CASCADE, related_name="+", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["low", "high", "person"], name="one_pair_posting")
        ]


class PersonMerge(models.Model):
    """A merge of a duplicate into a survivor, with what moved, so it can be undone."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_in")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_out")
    moved = models.JSONField(default=dict)  # {"app.model.field": [ids...]}
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("reason"))
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


# Emergency access lives in its own module (models of this app, registered through this
# import; models.py stays short).
from xarxa.people.emergency_models import AccessGrant as AccessGrant  # noqa: E402
from xarxa.people.emergency_models import EmergencyNotice as EmergencyNotice  # noqa: E402
from xarxa.people.emergency_models import EmergencyReason as EmergencyReason  # noqa: E402
from xarxa.people.emergency_models import GrantOutcome as GrantOutcome  # noqa: E402
