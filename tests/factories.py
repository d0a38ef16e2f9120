"""factory_boy factories for the whole suite: people and roles, and the agreement's parts."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group

from agreements.models import (
    Action,
    AgreementVersion,
    Goal,
    Principle,
    Responsibility,
    Section,
    WorkingGroupMember,
)
from hok.models import User
from hok.roles import WORKING_GROUP_NAME

PASSWORD = "Rätt-lösenord-för-tester-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up person whose e-mail address is verified (allauth requires it to log in)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@exempel.se")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(PASSWORD)
    is_active = True

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if not create or extracted is False:
            return
        EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class WorkingGroupUserFactory(UserFactory):
    """A member of the Django group "Arbetsgruppen" (created by migration hok 0002)."""

    @factory.post_generation
    def working_group(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            # get_or_create: a transactional test's flush removes what migrations created.
            self.groups.add(Group.objects.get_or_create(name=WORKING_GROUP_NAME)[0])


class AdminUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class TotpAuthenticatorFactory(factory.django.DjangoModelFactory):
    """Two-factor login turned on, stored the way allauth's TOTP.activate stores it."""

    class Meta:
        model = Authenticator

    class Params:
        secret = factory.LazyFunction(generate_totp_secret)

    user = factory.SubFactory(UserFactory)
    type = Authenticator.Type.TOTP
    data = factory.LazyAttribute(lambda o: {"secret": encrypt(o.secret)})


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    """A draft version (no checksum, not current) unless told otherwise."""

    class Meta:
        model = AgreementVersion

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Överenskommelse, testversion {n}")
    title_en = factory.Sequence(lambda n: f"Agreement, test version {n}")
    goals_heading = "Målbild"
    goals_heading_en = "Vision"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(AgreementVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"avsnitt-{n}")
    placement = Section.Placement.BEFORE_PRINCIPLES
    heading = factory.Sequence(lambda n: f"Avsnitt {n}")
    heading_en = factory.Sequence(lambda n: f"Section {n}")
    body = "Första stycket.\n\nAndra stycket."
    body_en = "First paragraph.\n\nSecond paragraph."


class PrincipleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Principle

    version = factory.SubFactory(AgreementVersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"princip-{n}")
    title = factory.Sequence(lambda n: f"Princip {n}")
    title_en = factory.Sequence(lambda n: f"Principle {n}")
    intro = "En inledning till principen."
    intro_en = "An introduction to the principle."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    principle = factory.SubFactory(PrincipleFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Åtgärd nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Action number {n}.")


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    principle = factory.SubFactory(PrincipleFactory)
    position = factory.Sequence(lambda n: n + 1)
    bearer = Responsibility.Bearer.ALL_SIGNATORIES
    text = factory.Sequence(lambda n: f"Ansvar nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Responsibility number {n}.")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    version = factory.SubFactory(AgreementVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Mål nummer {n}.")
    text_en = factory.Sequence(lambda n: f"Goal number {n}.")


class WorkingGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    name = factory.Sequence(lambda n: f"Ledamot {n}")
    organisation = factory.Sequence(lambda n: f"Förening {n}")
    side = WorkingGroupMember.Side.CIVIL_SOCIETY
    is_deputy = False
    position = factory.Sequence(lambda n: n)
