"""Reads of export jobs: a job is its requester's alone (the file may name people)."""

from __future__ import annotations

from django.http import Http404

from .models import ExportJob


def get_job_for_user(user, pk: int) -> ExportJob:
    """The user's own export job, or Http404 (also for anyone else's, administrators too)."""
    job = ExportJob.objects.filter(pk=pk, requested_by_id=user.pk).first()
    if job is None:
        raise Http404
    return job
