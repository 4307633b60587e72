"""The money rules: awarded within the call's budget, tranches within the award, a payment in
another currency with its rate and source; each refusal writes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from taawon.core.exceptions import Conflict, ValidationFailed

from .. import services
from ..models import Award, Call, Tranche
from . import factories as f

pytestmark = pytest.mark.django_db

PAY_DAY = datetime.date(2020, 4, 1)


@pytest.fixture
def panel(personas):
    return (f.reviewer("rev1"), f.reviewer("rev2"))


def _ready(personas, call, panel, name, values=(8, 8)):
    return f.ready(
        call,
        personas.coop_a,
        name=name,
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=panel,
        values=values,
    )


def test_it_refuses_an_award_over_the_remaining_budget_and_writes_nothing(personas, panel):
    call = f.open_call(personas, budget="5000", reviewers=panel)
    first = _ready(personas, call, panel, "First", (9, 9))
    second = _ready(personas, call, panel, "Second", (8, 8))
    f.award(first, personas.officer, "3000")
    with pytest.raises(ValidationFailed) as refused:
        f.award(second, personas.officer, "2500")
    assert "2,000.000 JOD" in refused.value.field_errors["amount"][0]
    assert Award.objects.filter(call=call).count() == 1
    assert services.awarded_total(call) == Decimal("3000")
    f.award(second, personas.officer, "2000")
    assert services.awarded_total(call) == call.budget


def test_it_refuses_an_award_above_the_maximum_grant(personas, panel):
    call = f.open_call(personas, reviewers=panel)
    app = _ready(personas, call, panel, "Big")
    with pytest.raises(ValidationFailed) as refused:
        f.award(app, personas.officer, "3000.001")
    assert "amount" in refused.value.field_errors
    assert not Award.objects.exists()


@pytest.mark.parametrize("amount", ["-10", "0", "abc", "12.3456", 1.5])
def test_it_refuses_a_bad_amount(personas, panel, amount):
    call = f.open_call(personas, reviewers=panel)
    app = _ready(personas, call, panel, "Bad")
    with pytest.raises(ValidationFailed) as refused:
        services.award_grant(
            application=app, amount=amount, decided_on=f.DECIDED, by=personas.officer
        )
    assert refused.value.field_errors["amount"]
    assert not Award.objects.exists()


def test_it_refuses_a_tranche_over_the_remaining_amount_and_writes_nothing(personas, panel):
    call = f.open_call(personas, reviewers=panel)
    award = f.award(_ready(personas, call, panel, "T"), personas.officer)
    services.plan_tranche(award=award, amount="2000", planned_on=PAY_DAY, by=personas.officer)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_tranche(
            award=award, amount="1000.001", planned_on=PAY_DAY, by=personas.officer
        )
    assert "1,000.000 JOD" in refused.value.field_errors["amount"][0]
    assert award.tranches.count() == 1
    services.plan_tranche(award=award, amount="1000", planned_on=PAY_DAY, by=personas.officer)
    assert services.committed(award) == award.amount


def test_a_negative_tranche_is_refused(personas, panel):
    call = f.open_call(personas, reviewers=panel)
    award = f.award(_ready(personas, call, panel, "N"), personas.officer)
    with pytest.raises(ValidationFailed) as refused:
        services.plan_tranche(award=award, amount="-5", planned_on=PAY_DAY, by=personas.officer)
    assert refused.value.field_errors["amount"] == ["The amount cannot be negative."]
    assert not Tranche.objects.exists()


def test_tranches_wait_for_the_signed_agreement(personas, panel):
    call = f.open_call(personas, reviewers=panel)
    award = f.award(_ready(personas, call, panel, "U"), personas.officer, signed=False)
    with pytest.raises(ValidationFailed):
        services.plan_tranche(award=award, amount="100", planned_on=PAY_DAY, by=personas.officer)


def test_a_tranche_goes_planned_approved_paid_in_that_order(personas, panel):
    call = f.open_call(personas, reviewers=panel)
    award = f.award(_ready(personas, call, panel, "P"), personas.officer)
    tranche = services.plan_tranche(
        award=award, amount="1500", planned_on=PAY_DAY, by=personas.officer
    )
    with pytest.raises(Conflict):
        services.pay_tranche(
            tranche=tranche, paid_on=PAY_DAY, reference="TRX-1", by=personas.officer
        )
    services.approve_tranche(tranche=tranche, approved_on=PAY_DAY, by=personas.officer)
    paid = services.pay_tranche(
        tranche=tranche, paid_on=PAY_DAY, reference="TRX-1", by=personas.officer
    )
    assert (paid.status, paid.paid_amount, paid.paid_currency, paid.exchange_rate) == (
        "paid",
        Decimal("1500"),
        "JOD",
        None,
    )
    assert services.paid_total(award) == Decimal("1500")


def _approved(personas, panel, *, currency="USD", budget="20000", max_grant="5000", amount="1000"):
    call = f.open_call(
        personas, currency=currency, budget=budget, max_grant=max_grant, reviewers=panel
    )
    award = f.award(_ready(personas, call, panel, "FX"), personas.officer, amount)
    tranche = services.plan_tranche(
        award=award, amount=amount, planned_on=PAY_DAY, by=personas.officer
    )
    return services.approve_tranche(tranche=tranche, approved_on=PAY_DAY, by=personas.officer)


def test_a_payment_in_another_currency_needs_the_days_rate_and_its_source(personas, panel):
    tranche = _approved(personas, panel)
    with pytest.raises(ValidationFailed) as refused:
        services.pay_tranche(
            tranche=tranche,
            paid_on=PAY_DAY,
            reference="LBP-1",
            paid_currency="LBP",
            by=personas.officer,
        )
    assert set(refused.value.field_errors) == {"exchange_rate", "rate_source"}
    with pytest.raises(ValidationFailed) as refused:
        services.pay_tranche(
            tranche=tranche,
            paid_on=PAY_DAY,
            reference="LBP-1",
            paid_currency="LBP",
            exchange_rate="89500",
            rate_source="black",
            by=personas.officer,
        )
    assert set(refused.value.field_errors) == {"rate_source"}
    tranche.refresh_from_db()
    assert tranche.status == "approved" and tranche.paid_amount is None


def test_a_payment_in_another_currency_keeps_both_amounts_the_rate_and_its_source(personas, panel):
    tranche = _approved(personas, panel)
    paid = services.pay_tranche(
        tranche=tranche,
        paid_on=PAY_DAY,
        reference="LBP-1",
        paid_currency="LBP",
        exchange_rate="89500.5",
        rate_source="market",
        by=personas.officer,
    )
    # 1000 USD at 89,500.5 LBP: 89,500,500 LBP, whole pounds (LBP has no decimals).
    assert (paid.amount, paid.award.currency) == (Decimal("1000"), "USD")
    assert (paid.paid_amount, paid.paid_currency) == (Decimal("89500500"), "LBP")
    assert (paid.exchange_rate, paid.rate_source) == (Decimal("89500.5"), "market")


def test_weights_that_do_not_sum_to_100_are_refused(personas):
    with pytest.raises(ValidationFailed) as refused:
        services.create_call(
            owner=personas.country_office,
            title="Bad",
            kind="venture",
            currency="JOD",
            budget="1000",
            max_grant="100",
            opens_on=f.OPENS,
            closes_on=f.CLOSES,
            scoring_closes_on=f.CLOSES,
            eligibility=["x"],
            criteria=[("a", 50), ("b", 40)],
            created_by=personas.officer,
        )
    assert "90" in refused.value.field_errors["criteria"][0]
    assert not Call.objects.exists()


def test_a_call_amount_in_fils_beyond_three_decimals_is_refused(personas):
    with pytest.raises(ValidationFailed) as refused:
        services.create_call(
            owner=personas.country_office,
            title="Fils",
            kind="venture",
            currency="JOD",
            budget="1000.0005",
            max_grant="100",
            opens_on=f.OPENS,
            closes_on=f.CLOSES,
            scoring_closes_on=f.CLOSES,
            eligibility=["x"],
            criteria=[("a", 100)],
            created_by=personas.officer,
        )
    assert "budget" in refused.value.field_errors


def test_sse_calls_exist_in_lebanon_only(personas):
    with pytest.raises(ValidationFailed) as refused:
        f.open_call(personas, kind="sse")
    assert "kind" in refused.value.field_errors
