"""Who may do what on employment records, and which transitions each record's state opens:
the one place that says so. The services enforce these rules (with the domain errors they
always raised); the pages, the API and the templates ask them, and every API record with a
workflow carries the `actions` its reader may take now.

Reach is `taawon.accounts.scoping`'s alone: whoever may change employment records of a unit
(its staff, its cooperative's, the country office's; never a viewer, a ministry officer or an
aggregate viewer) may take every action below on that unit's records; the record's state
decides which actions are open. `None` as the user is the system itself (the demo, a
background task): only the state counts.

| record | state | actions it opens |
| --- | --- | --- |
| vacancy | open | change, close, refer |
| vacancy | filled | change, close |
| vacancy | closed | change, reopen |
| referral | referred, interviewed | change_status, place (while its vacancy is open) |
| referral | rejected, did not attend | change_status |
| referral | hired | none (the placement holds the hire) |
| placement | any | change, follow_up (while a 1- or 3-month follow-up is missing) |
| campaign | draft, proposed | change, run (and apply when proposed) |
| campaign | running, applied | none |
| awareness session | (no state) | change |
"""

from __future__ import annotations

import datetime

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from taawon.accounts import queries as account_queries
from taawon.accounts import scoping
from taawon.accounts.models import Organisation, User
from taawon.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from taawon.protection import rules as protection

from .awareness.models import AwarenessSession
from .campaigns.models import Campaign
from .placements.models import FollowUp, Placement, Referral
from .seekers.models import JobSeeker
from .vacancies.models import Vacancy

DOMAIN = "employment"
READ, CHANGE = scoping.READ, scoping.CHANGE

# Actions by their stable names (the API's "actions", the page's buttons). CHANGE is both the
# reach a user needs and the action of editing a record.
CLOSE, REOPEN, REFER = "close", "reopen", "refer"
CHANGE_STATUS, PLACE = "change_status", "place"
FOLLOW_UP = "follow_up"
RUN, APPLY = "run", "apply"

VACANCY_ACTIONS = (CHANGE, CLOSE, REOPEN, REFER)
REFERRAL_ACTIONS = (CHANGE_STATUS, PLACE)
PLACEMENT_ACTIONS = (CHANGE, FOLLOW_UP)
CAMPAIGN_ACTIONS = (CHANGE, RUN, APPLY)
AWARENESS_ACTIONS = (CHANGE,)

VacancyStatus = Vacancy.Status
ReferralStatus = Referral.Status
CampaignStatus = Campaign.Status

# state -> the actions it opens. A state absent, or an action absent from it, is closed.
VACANCY_TRANSITIONS: dict[str, frozenset[str]] = {
    VacancyStatus.OPEN: frozenset({CHANGE, CLOSE, REFER}),
    VacancyStatus.FILLED: frozenset({CHANGE, CLOSE}),
    VacancyStatus.CLOSED: frozenset({CHANGE, REOPEN}),
}
# The statuses a counsellor sets by hand; "hired" comes only with a placement.
MANUAL_STATUSES = (
    ReferralStatus.REFERRED,
    ReferralStatus.INTERVIEWED,
    ReferralStatus.REJECTED,
    ReferralStatus.DID_NOT_ATTEND,
)
# A referral's state -> the statuses it may be set to by hand (a hire never changes again).
REFERRAL_STATUS_CHANGES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(MANUAL_STATUSES, MANUAL_STATUSES),
    ReferralStatus.HIRED: (),
}
# Referrals in these states may become a placement (while their vacancy is open).
HIREABLE = (ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED)
CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignStatus.DRAFT: frozenset({CHANGE, RUN}),
    CampaignStatus.PROPOSED: frozenset({CHANGE, RUN, APPLY}),
}
# A proposal is stored over a draft, an earlier proposal, or a background run under way.
PROPOSABLE = (CampaignStatus.DRAFT, CampaignStatus.PROPOSED, CampaignStatus.RUNNING)


# ---- Reach ----------------------------------------------------------------------------------


def may_read(user: User | None) -> bool:
    """Whether `user` reads employment records anywhere (the lists' pages)."""
    return not scoping.reach(user, READ, domain=DOMAIN).empty


def unit_choices(user: User) -> QuerySet[Organisation]:
    """The employment units `user` may add records for (the owner pickers)."""
    return (
        account_queries.owner_choices(user, DOMAIN)
        .filter(kind=Organisation.Kind.EMPLOYMENT_UNIT)
        .order_by("name_en")
    )


def may_add(user: User | None) -> bool:
    """Whether `user` adds employment records for some unit (the "new" links)."""
    return user is not None and unit_choices(user).exists()


def may_add_for(user: User | None, owner_id: int) -> bool:
    """Whether `user` adds records owned by the organisation `owner_id`."""
    return user is None or owner_id in scoping.reach(user, CHANGE, domain=DOMAIN)


def may_change(user: User | None, obj: Model) -> bool:
    """Whether `user`'s reach covers changing `obj`, an employment record (whatever its state)."""
    return user is None or scoping.can(user, CHANGE, obj)


def check_may_change(user: User | None, obj: Model) -> None:
    """Raise PermissionDenied unless `user` may change `obj` (None is the system itself)."""
    if not may_change(user, obj):
        raise PermissionDenied()


# ---- Vacancies ------------------------------------------------------------------------------


def vacancy_opens(vacancy: Vacancy, action: str) -> bool:
    return action in VACANCY_TRANSITIONS.get(vacancy.status, frozenset())


def vacancy_actions(user: User | None, vacancy: Vacancy) -> list[str]:
    """The actions `user` may take on `vacancy` now, in the order of VACANCY_ACTIONS."""
    if not may_change(user, vacancy):
        return []
    return [action for action in VACANCY_ACTIONS if vacancy_opens(vacancy, action)]


def vacancy_not_open(vacancy: Vacancy) -> str:
    """Why no one is referred to or placed in `vacancy` (a field error on "vacancy")."""
    if vacancy.status == VacancyStatus.CLOSED:
        return _("This vacancy is closed.")
    return _("Every position of this vacancy is filled.")


def check_vacancy(user: User | None, vacancy: Vacancy, action: str) -> None:
    """Closing or reopening `vacancy` (read under lock): PermissionDenied when it is not
    `user`'s, Conflict when its state does not open `action`."""
    check_may_change(user, vacancy)
    if vacancy_opens(vacancy, action):
        return
    if action == CLOSE:
        raise Conflict(_("This vacancy is already closed."))
    if action == REOPEN:
        raise Conflict(_("Only a closed vacancy can be reopened."))
    raise ValidationFailed(field_errors={"vacancy": [vacancy_not_open(vacancy)]})


# ---- Referrals ------------------------------------------------------------------------------


def status_choices(referral: Referral) -> tuple[str, ...]:
    """The statuses `referral` may be set to by hand now."""
    return REFERRAL_STATUS_CHANGES.get(referral.status, ())


def may_be_placed(referral: Referral) -> bool:
    """Whether the state lets `referral` become a placement: referred or interviewed, to a
    vacancy still open (the service counts its positions again under lock)."""
    return referral.status in HIREABLE and referral.vacancy.status == VacancyStatus.OPEN


def referral_actions(user: User | None, referral: Referral) -> list[str]:
    """The actions `user` may take on `referral` now, in the order of REFERRAL_ACTIONS."""
    if not may_change(user, referral):
        return []
    actions = []
    if status_choices(referral):
        actions.append(CHANGE_STATUS)
    if may_be_placed(referral):
        actions.append(PLACE)
    return actions


def placement_errors(referral: Referral) -> list[str]:
    """Why `referral` (read under lock) may not become a placement by its own state."""
    if referral.status == ReferralStatus.HIRED:
        return [_("This job seeker is already placed in this vacancy.")]
    if referral.status not in HIREABLE:
        return [
            _("The referral is marked “%(status)s”; set it back to referred or interviewed first.")
            % {"status": referral.get_status_display()}
        ]
    return []


def age_refusal(
    job_seeker: JobSeeker, vacancy: Vacancy, on: datetime.date
) -> protection.Refusal | None:
    """Why `job_seeker` may not be referred to or placed in `vacancy` on `on` by their age
    (below the minimum working age of the vacancy's country; under 18 for hazardous work), in
    the active language; None when they may. Every path that refers or places asks this."""
    person = job_seeker.person
    return protection.refusal(
        date_of_birth=person.date_of_birth,
        birth_year=person.birth_year,
        country=vacancy.owner.country,
        occupation_code=vacancy.occupation.code,
        tasks=vacancy.tasks,
        on=on,
    )


# ---- Placements -----------------------------------------------------------------------------


def missing_follow_ups(placement: Placement) -> list[int]:
    """Checkpoints not yet recorded for `placement`, in order (its follow-ups prefetched)."""
    done = {f.checkpoint for f in placement.follow_ups.all()}
    return [c for c in FollowUp.Checkpoint.values if c not in done]


def placement_actions(user: User | None, placement: Placement) -> list[str]:
    """The actions `user` may take on `placement` now, in the order of PLACEMENT_ACTIONS."""
    if not may_change(user, placement):
        return []
    return [CHANGE] + ([FOLLOW_UP] if missing_follow_ups(placement) else [])


# ---- Campaigns ------------------------------------------------------------------------------


def campaign_opens(campaign: Campaign, action: str) -> bool:
    return action in CAMPAIGN_TRANSITIONS.get(campaign.status, frozenset())


def campaign_actions(user: User | None, campaign: Campaign) -> list[str]:
    """The actions `user` may take on `campaign` now, in the order of CAMPAIGN_ACTIONS."""
    if not may_change(user, campaign):
        return []
    return [action for action in CAMPAIGN_ACTIONS if campaign_opens(campaign, action)]


def check_campaign(user: User | None, campaign: Campaign, action: str) -> None:
    """Raise the error that refuses `action` on `campaign` (read under lock) to `user`:
    PermissionDenied when it is not theirs, a field error on "status" when its state does not
    open the action."""
    check_may_change(user, campaign)
    if campaign_opens(campaign, action):
        return
    if action == APPLY:
        message = _("Run the campaign and review its proposal first.")
    else:
        message = _("This campaign can no longer change.")
    raise ValidationFailed(field_errors={"status": [message]})


# ---- Awareness sessions ---------------------------------------------------------------------


def awareness_actions(user: User | None, session: AwarenessSession) -> list[str]:
    """The actions `user` may take on `session`: it has no workflow, only its unit's reach."""
    return [CHANGE] if may_change(user, session) else []


def flags(names: tuple[str, ...], allowed: list[str]) -> dict[str, bool]:
    """`allowed` as {action: on} over every action of a record (a page's buttons)."""
    return {name: name in allowed for name in names}
