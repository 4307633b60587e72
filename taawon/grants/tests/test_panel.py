"""Screening and the panel: conflicts, the scale, the scoring window, hidden scores, ranking by
the weighted average, and departures from the ranking recorded with their reason."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from taawon.core.exceptions import PermissionDenied, ValidationFailed

from .. import figures, queries, services
from ..models import Award, Score
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(personas):
    return (f.reviewer("rev1"), f.reviewer("rev2"), f.reviewer("rev3"))


@pytest.fixture
def call(personas, panel):
    return f.open_call(personas, reviewers=panel)


def _eligible(personas, call, name="A"):
    return f.eligible(
        f.application(call, personas.coop_a, name=name, by=personas.admin_a), personas.officer
    )


def test_an_application_failing_a_criterion_is_not_eligible_and_says_why(personas, call):
    app = f.application(call, personas.coop_a, name="A", by=personas.admin_a)
    first, second = call.eligibility.all()
    with pytest.raises(ValidationFailed) as refused:
        services.screen_application(
            application=app, checks={first.pk: True, second.pk: False}, by=personas.officer
        )
    assert "reasons" in refused.value.field_errors
    screened = services.screen_application(
        application=app,
        checks={first.pk: True, second.pk: False},
        reasons="Not registered",
        by=personas.officer,
    )
    assert (screened.eligibility, screened.eligibility_reasons) == ("ineligible", "Not registered")


def test_an_application_after_closing_or_over_the_maximum_is_refused(personas, call):
    with pytest.raises(ValidationFailed) as refused:
        services.submit_application(
            call=call,
            owner=personas.coop_a,
            name="Late",
            sector="agriculture",
            governorate=None,
            summary="x",
            amount_requested="3500",
            submitted_on=call.closes_on + datetime.timedelta(days=1),
            submitted_by=personas.admin_a,
        )
    assert {"call", "governorate", "amount_requested"} <= set(refused.value.field_errors)


def test_a_conflicted_reviewer_cannot_score(personas, call, panel):
    app = _eligible(personas, call)
    services.declare_interest(
        application=app, reviewer=panel[0], conflicted=True, note="My cousin's farm"
    )
    with pytest.raises(PermissionDenied):
        f.score(app, panel[0], (5, 5))
    assert not Score.objects.exists()


def test_a_reviewer_declares_before_scoring(personas, call, panel):
    app = _eligible(personas, call)
    criteria = list(call.criteria.all())
    with pytest.raises(ValidationFailed) as refused:
        services.score_application(
            application=app, reviewer=panel[0], scores={c.pk: 5 for c in criteria}
        )
    assert "conflicted" in refused.value.field_errors


def test_a_score_outside_the_scale_is_refused_and_nothing_is_written(personas, call, panel):
    app = _eligible(personas, call)
    services.declare_interest(application=app, reviewer=panel[0], conflicted=False)
    first, second = call.criteria.all()
    with pytest.raises(ValidationFailed) as refused:
        services.score_application(
            application=app, reviewer=panel[0], scores={first.pk: 11, second.pk: 5}
        )
    assert refused.value.field_errors == {f"criterion_{first.pk}": ["Give a score from 0 to 10."]}
    assert not Score.objects.exists()


def test_scoring_after_closing_is_refused(personas, call, panel):
    app = _eligible(personas, call)
    services.declare_interest(application=app, reviewer=panel[0], conflicted=False)
    with pytest.raises(ValidationFailed) as refused:
        services.score_application(
            application=app,
            reviewer=panel[0],
            scores={c.pk: 5 for c in call.criteria.all()},
            today=call.scoring_closes_on + datetime.timedelta(days=1),
        )
    assert "closed" in refused.value.field_errors["__all__"][0]


def test_someone_off_the_panel_cannot_score(personas, call):
    app = _eligible(personas, call)
    with pytest.raises(PermissionDenied):
        services.declare_interest(application=app, reviewer=personas.officer, conflicted=False)


def test_scores_are_hidden_from_other_reviewers_until_all_are_in(personas, call, panel):
    app = _eligible(personas, call)
    f.score(app, panel[0], (10, 5))
    f.score(app, panel[1], (6, 5))
    shown = queries.scores_shown_to(panel[0], app)
    assert not shown["all_in"] and shown["average"] is None
    assert [row["score"] for row in shown["rows"]] == [Decimal("80.00")]  # their own only
    # The programme officer, off the panel, follows the scoring as it comes in.
    assert len(queries.scores_shown_to(personas.officer, app)["rows"]) == 2
    # The third reviewer declares a conflict: the two scores are then all that is expected.
    services.declare_interest(application=app, reviewer=panel[2], conflicted=True, note="Member")
    shown = queries.scores_shown_to(panel[0], app)
    assert shown["all_in"] and len(shown["rows"]) == 2
    # (10*60 + 5*40)/10 = 80 and (6*60 + 5*40)/10 = 56: the mean is 68.
    assert shown["average"] == Decimal("68.00")


def test_the_weighted_average_ranks_the_applications(personas, call, panel):
    low = f.ready(
        call,
        personas.coop_a,
        name="Low",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=panel,
        values=(4, 4),
    )
    high = f.ready(
        call,
        personas.coop_a,
        name="High",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=panel,
        values=(9, 7),
    )
    unscored = _eligible(personas, call, "Unscored")
    ranking = {r.application_id: r for r in queries.call_ranking(call)}
    assert (ranking[high.pk].rank, ranking[high.pk].score) == (1, Decimal("82.00"))
    assert ranking[low.pk].rank == 2
    assert ranking[unscored.pk].rank is None


def test_passing_over_a_better_ranked_application_needs_a_recorded_reason(personas, call, panel):
    f.ready(
        call,
        personas.coop_a,
        name="First",
        by=personas.admin_a,
        officer=personas.officer,
        reviewers=panel,
        values=(9, 9),
    )
    second = f.ready(
        call,
        personas.coop_b,
        name="Second",
        by=personas.officer,
        officer=personas.officer,
        reviewers=panel,
        values=(5, 5),
    )
    with pytest.raises(ValidationFailed) as refused:
        f.award(second, personas.officer)
    assert "departure_reason" in refused.value.field_errors
    assert not Award.objects.exists()
    award = f.award(second, personas.officer, reason="First withdrew its land lease")
    assert (award.departs_from_ranking, award.departure_reason, award.rank) == (
        True,
        "First withdrew its land lease",
        2,
    )


def test_figures_rank_ties_together():
    ranked = figures.rank(
        [
            (1, Decimal(70), True),
            (2, Decimal(80), True),
            (3, Decimal(70), True),
            (4, Decimal(90), False),
        ]
    )
    assert [(r.application_id, r.rank) for r in ranked] == [(2, 1), (1, 2), (3, 2), (4, None)]
