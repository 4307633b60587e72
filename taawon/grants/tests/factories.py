"""Calls, applications and awards built through the services, as a programme officer would."""

from __future__ import annotations

import datetime
from decimal import Decimal

from taawon.accounts.models import User
from taawon.geo.models import Governorate

from .. import services
from ..models import Application, Award, Call

OPENS = datetime.date(2020, 1, 1)
CLOSES = datetime.date(2020, 2, 1)
SCORING_CLOSES = datetime.date(2099, 12, 31)
DAY = datetime.date(2020, 1, 15)
DECIDED = datetime.date(2020, 3, 1)


def reviewer(name: str) -> User:
    """An external panel member: no membership, reads only what they review."""
    return User.objects.create_user(username=name, password="x")


def open_call(
    personas,
    *,
    budget: str = "114000",
    max_grant: str = "3000",
    currency: str = "JOD",
    reviewers: tuple[User, ...] = (),
    owner=None,
    kind: str = "venture",
) -> Call:
    call = services.create_call(
        owner=owner or personas.country_office,
        title="Joint business ventures 2020",
        kind=kind,
        currency=currency,
        budget=budget,
        max_grant=max_grant,
        opens_on=OPENS,
        closes_on=CLOSES,
        scoring_closes_on=SCORING_CLOSES,
        eligibility=["Refugee and host-community members", "Registered cooperative"],
        criteria=[("Business viability", 60), ("Jobs for refugees and women", 40)],
        created_by=personas.officer,
    )
    services.publish_call(call=call, by=personas.officer)
    for user in reviewers:
        services.add_reviewer(call=call, reviewer=user, by=personas.officer)
    return call


def application(
    call: Call,
    owner,
    *,
    name: str,
    by: User,
    amount: str = "3000",
    sector: str = "agriculture",
    locality=None,
) -> Application:
    return services.submit_application(
        call=call,
        owner=owner,
        name=name,
        sector=sector,
        governorate=Governorate.objects.filter(country=call.country).order_by("pcode").first(),
        locality=locality,
        summary="Greenhouse vegetables with six refugee workers.",
        amount_requested=amount,
        planned={"men_host": 3, "women_host": 1, "men_refugee": 2, "women_refugee": 1},
        submitted_on=DAY,
        submitted_by=by,
    )


def eligible(app: Application, by: User) -> Application:
    checks = {c.pk: True for c in app.call.eligibility.all()}
    return services.screen_application(application=app, checks=checks, by=by)


def score(app: Application, reviewer: User, values: tuple[int, ...]) -> None:
    if not app.declarations.filter(reviewer=reviewer).exists():
        services.declare_interest(application=app, reviewer=reviewer, conflicted=False)
    criteria = list(app.call.criteria.all())
    services.score_application(
        application=app,
        reviewer=reviewer,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
    )


def ready(
    call: Call, owner, *, name: str, by: User, officer: User, reviewers, values=(8, 8), **kwargs
) -> Application:
    """An application screened eligible and scored by every reviewer."""
    app = eligible(application(call, owner, name=name, by=by, **kwargs), officer)
    for user in reviewers:
        score(app, user, values)
    return app


def award(
    app: Application, officer: User, amount: str = "3000", *, signed: bool = True, reason: str = ""
) -> Award:
    made = services.award_grant(
        application=app, amount=amount, decided_on=DECIDED, departure_reason=reason, by=officer
    )
    if signed:
        services.sign_agreement(
            award=made, reference=f"GA-{made.pk}", signed_on=DECIDED, by=officer
        )
    return made


def money(text: str) -> Decimal:
    return Decimal(text)
