"""Pages of duplicate detection: the review queue, a pair side by side, runs, merges, rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taawon.core import confirming, exceptions
from taawon.core.forms import submit
from taawon.core.pagination import page_number, paginate
from taawon.people.queries import identifiers_of
from taawon.people.reasons import reason_label

from . import queries, rules, services
from .forms import MergeForm, MergeRuleForm, QueueFilterForm

DOMAIN = "duplicates"


def _require_reach(user) -> None:
    if not rules.may_read(user):
        raise Http404


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return f"{query.urlencode()}&" if query else ""


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user)
    filters = QueueFilterForm(request.GET or None)
    pairs = queries.review_queue(request.user, status=filters.status_value())
    page = paginate(pairs, page_number(request.GET.get("page")))
    template_name = "duplicates/queue.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#rows"
    may_run = rules.may_run_detection(request.user)
    return render(
        request,
        template_name,
        {
            "filters": filters,
            "page_obj": page,
            "query_string": _query_string(request),
            "may_run": may_run,
            "may_set_rules": rules.may_set_rules(request.user),
            "last_run": queries.run_list(request.user).first() if may_run else None,
        },
    )


@login_required
@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    try:
        run = services.start_detection(started_by=request.user)
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.Conflict as error:
        messages.warning(request, str(error.message))
        return redirect("duplicates:queue")
    return redirect(run)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = queries.get_run_for_user(request.user, pk)
    template_name = "duplicates/run_detail.html"
    if request.htmx and not request.htmx.history_restore_request:
        template_name += "#progress"
    return render(request, template_name, {"run": run})


@login_required
def pair_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = queries.get_pair_for_user(request.user, pk)
    return _pair_page(request, pair, MergeForm(pair=pair))


def _pair_page(request: HttpRequest, pair, form: MergeForm, status: int = 200) -> HttpResponse:
    persons = [
        {"person": person, "identifiers": identifiers_of(person)}
        for person in (pair.person_a, pair.person_b)
    ]
    return render(
        request,
        "duplicates/pair_detail.html",
        {
            "pair": pair,
            "persons": persons,
            "reasons": queries.reasons_of(pair),
            "merges": queries.merges_of_pair(pair),
            "form": form,
            "actions": rules.pair_actions(request.user, pair),
        },
        status=status,
    )


def _carried(request: HttpRequest) -> list[tuple[str, str]]:
    """The choices posted to a confirmation step, to post again with the confirmation."""
    return [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", confirming.FIELD)
        for value in request.POST.getlist(name)
    ]


def _confirm_page(request: HttpRequest, pair, context: dict, status: int = 200) -> HttpResponse:
    return render(
        request,
        "duplicates/pair_confirm.html",
        {"pair": pair, "hidden": _carried(request), **context},
        status=status,
    )


def _merge_confirmation(
    request: HttpRequest,
    pair,
    survivor,
    *,
    keep: dict[str, int],
    one_person: bool = False,
    status: int = 200,
) -> HttpResponse:
    preview = services.preview_merge(
        pair=pair, survivor=survivor, performed_by=request.user, keep=keep, one_person=one_person
    )
    merged = pair.person_b if survivor.pk == pair.person_a_id else pair.person_a
    return _confirm_page(
        request,
        pair,
        {
            "kind": "merge",
            "survivor": survivor,
            "merged": merged,
            "moved": queries.labelled_counts(preview.moved),
            "kept": queries.labelled_counts(preview.kept),
            "token": preview.token,
        },
        status,
    )


@login_required
@require_POST
def pair_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `confirm`: what the merge will move, to confirm; with the token of what was
    shown: the merge, or the confirmation again when what it would move changed."""
    pair = queries.get_pair_for_user(request.user, pk)
    form = MergeForm(request.POST, pair=pair)
    if not form.is_valid():
        return _pair_page(request, pair, form, status=400)
    confirm = request.POST.get(confirming.FIELD)
    try:
        survivor = services.survivor_of(pair, form.cleaned_data["survivor"])
        one_person = form.cleaned_data["one_person"]
        if not confirm:
            return _merge_confirmation(
                request, pair, survivor, keep=form.keep(), one_person=one_person
            )
        services.merge_pair(
            pair=pair,
            survivor=survivor,
            performed_by=request.user,
            keep=form.keep(),
            confirm=confirm,
            one_person=one_person,
        )
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except confirming.ConfirmationChanged as error:
        messages.warning(request, str(error.message))
        pair = queries.get_pair_for_user(request.user, pk)
        survivor = services.survivor_of(pair, form.cleaned_data["survivor"])
        return _merge_confirmation(
            request, pair, survivor, keep=form.keep(), one_person=one_person, status=409
        )
    except exceptions.ValidationFailed as error:
        for name, problems in error.field_errors.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
        return _pair_page(request, pair, form, status=400)
    except exceptions.DomainError as error:
        messages.error(request, str(error.message))
        return redirect(pair)
    messages.success(request, _("The records are merged. You can undo this from the merges list."))
    return redirect(survivor)


@login_required
@require_POST
def pair_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `confirm`: what "not the same person" means, to confirm; with it: the review."""
    pair = queries.get_pair_for_user(request.user, pk)
    confirm = request.POST.get(confirming.FIELD)
    try:
        if not confirm:
            if not rules.pair_is_open(pair):
                raise exceptions.Conflict(_("This pair was already merged or rejected."))
            if "reject" not in rules.pair_actions(request.user, pair):
                raise PermissionDenied
            token = services.review_token(pair, services.DIFFERENT)
            return _confirm_page(request, pair, {"kind": "reject", "token": token})
        services.review_pair(
            pair=pair, decision=services.DIFFERENT, reviewed_by=request.user, confirm=confirm
        )
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.DomainError as error:
        messages.error(request, str(error.message))
        return redirect(pair)
    messages.success(request, _("Marked as two different persons."))
    return redirect("duplicates:queue")


@login_required
def merge_list(request: HttpRequest) -> HttpResponse:
    _require_reach(request.user)
    awaiting = request.GET.get("awaiting") == "1"
    merges = queries.merge_list(request.user, awaiting_review=awaiting)
    page = paginate(merges, page_number(request.GET.get("page")))
    return render(
        request,
        "duplicates/merge_list.html",
        {
            "page_obj": page,
            "rows": [(merge, rules.merge_actions(request.user, merge)) for merge in page],
            "awaiting": awaiting,
            "query_string": _query_string(request),
            "may_set_rules": rules.may_set_rules(request.user),
        },
    )


def _merge_action(request: HttpRequest, pk: int, *, undo: bool) -> HttpResponse:
    merge = queries.get_merge_for_user(request.user, pk)
    try:
        if undo:
            services.undo_merge(merge=merge, performed_by=request.user)
            messages.success(request, _("The merge is undone: the two records are separate again."))
        else:
            services.keep_merge(merge=merge, reviewed_by=request.user)
            messages.success(request, _("The merge is kept."))
    except exceptions.PermissionDenied:
        raise PermissionDenied from None
    except exceptions.DomainError as error:
        messages.error(request, str(error.message))
    return redirect("duplicates:merge_list")


@login_required
@require_POST
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    return _merge_action(request, pk, undo=True)


@login_required
@require_POST
def merge_keep(request: HttpRequest, pk: int) -> HttpResponse:
    return _merge_action(request, pk, undo=False)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    if not rules.may_set_rules(request.user):
        raise Http404
    form = MergeRuleForm(request.POST or None)
    rule = submit(
        request,
        form,
        lambda: services.create_merge_rule(created_by=request.user, **form.cleaned_data),
    )
    if rule is not None:
        messages.success(request, _("The rule is saved. It applies from the next run."))
        return redirect("duplicates:rule_list")
    return render(
        request,
        "duplicates/rule_list.html",
        {
            "rules": [
                (rule, [reason_label(code) for code in rule.required_reasons])
                for rule in queries.rule_list(request.user)
            ],
            "form": form,
        },
    )


@login_required
@require_POST
def rule_enabled(request: HttpRequest, pk: int) -> HttpResponse:
    rule = queries.get_rule_for_user(request.user, pk)
    services.set_merge_rule_enabled(
        rule=rule, enabled=request.POST.get("enabled") == "1", changed_by=request.user
    )
    return redirect("duplicates:rule_list")
