import datetime

import factory
from django.contrib.auth import get_user_model

from groups.models import (
    Group,
    GroupKind,
    GroupStatus,
    HealthcareRegion,
    Membership,
    MembershipRole,
    Person,
    Region,
    RegionPopulation,
)

PASSWORD = "Samverkan-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class HealthcareRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthcareRegion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Sjukvårdsregion {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region Län {n}")
    code = factory.Sequence(lambda n: f"R{n}")
    healthcare_region = factory.SubFactory(HealthcareRegionFactory)


class RegionPopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionPopulation

    region = factory.SubFactory(RegionFactory)
    year = 2024
    population = 300_000


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Arbetsgrupp {n}")
    kind = GroupKind.RAG
    status = GroupStatus.ACTIVE
    healthcare_region = factory.SubFactory(HealthcareRegionFactory)
    start_date = datetime.date(2020, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")
    title = "Överläkare"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    group = factory.SubFactory(GroupFactory)
    role = MembershipRole.MEMBER
    start_date = datetime.date(2020, 1, 1)
