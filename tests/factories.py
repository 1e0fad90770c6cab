import factory
from django.utils import timezone

from xarxa.accounts.models import Assignment, User
from xarxa.organisations.models import Organisation, OrganisationKind, Team, TeamKind
from xarxa.people.search import index_person
from xarxa.territory.models import Abss, Municipality

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="es_ES")
    last_name = factory.Faker("last_name", locale="es_ES")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.OTHER


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = TeamKind.BASIC_SOCIAL_SERVICES


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = "social_worker"
    valid_from = factory.LazyFunction(lambda: timezone.localdate().replace(year=2020))


def abss(code: str) -> Abss:
    return Abss.objects.get(code=code)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person living in Vic (ABSS Vic) unless told otherwise; indexed for search."""

    class Meta:
        model = "people.Person"
        skip_postgeneration_save = True

    given_names = "Montserrat"
    first_surname = "Vilaró"
    second_surname = "Puig"
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(ine_code="08298"))
    abss = factory.LazyFunction(lambda: abss("ABSS-VIC"))

    @factory.post_generation
    def indexed(person, create, extracted, **kwargs):
        if create:
            index_person(person)
