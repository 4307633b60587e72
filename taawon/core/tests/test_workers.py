"""Pages whose job waits for a worker say so when no worker seems to be running."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult, get_date_max

from taawon.core.workers import worker_seems_absent

NOTICE = "No background worker seems to be running"


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _task(*, waited: int, status: str = "READY", **times) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="taawon.core.tests.test_workers.any_task",  # only waits: never run
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        **times,
    )
    # enqueued_at is set on insert (auto_now_add); age it as if it had waited.
    enqueued = timezone.now() - datetime.timedelta(seconds=waited)
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=enqueued)
    return task


def _notice() -> str:
    # In English whatever language an earlier test left active.
    with translation.override("en"):
        return Template("{% load workers %}{% worker_notice %}").render(Context())


@pytest.mark.django_db
def test_a_task_waiting_with_no_worker_brings_the_notice(database_backend):
    _task(waited=60)

    assert worker_seems_absent()
    assert NOTICE in _notice()
    assert "taawon db_worker" in _notice()


@pytest.mark.django_db
def test_a_task_just_queued_does_not(database_backend):
    _task(waited=2)

    assert not worker_seems_absent()
    assert NOTICE not in _notice()


@pytest.mark.django_db
def test_a_worker_that_started_a_task_lately_is_taken_as_running(database_backend):
    _task(waited=60)
    _task(waited=70, status="RUNNING", started_at=timezone.now() - datetime.timedelta(seconds=3))

    assert not worker_seems_absent()


@pytest.mark.django_db
def test_a_task_due_later_is_not_waiting(database_backend):
    task = _task(waited=60)
    DBTaskResult.objects.filter(pk=task.pk).update(
        run_after=timezone.now() + datetime.timedelta(minutes=5)
    )

    assert not worker_seems_absent()


@pytest.mark.django_db
def test_backends_that_need_no_worker_never_bring_the_notice(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _task(waited=600)

    assert not worker_seems_absent()
