"""An app's "person.merged" and "person.unmerged" handlers, as the event contract asks for
(taawon.duplicates.services): here for job-seeker profiles, recording each call."""

from taawon.employment.models import JobSeeker

MERGED = "taawon.duplicates.tests.handlers.on_person_merged"
UNMERGED = "taawon.duplicates.tests.handlers.on_person_unmerged"
calls: list[tuple[str, int, int]] = []


def on_person_merged(*, survivor, merged, moves):
    calls.append(("merged", survivor.pk, merged.pk))
    ids = list(JobSeeker.objects.filter(person=merged).values_list("pk", flat=True))
    if not JobSeeker.objects.filter(person=survivor).exists():
        JobSeeker.objects.filter(pk__in=ids).update(person=survivor)
    else:
        ids = []
    return {"employment.jobseeker": {"person": ids}}


def on_person_unmerged(*, survivor, merged, moves):
    calls.append(("unmerged", survivor.pk, merged.pk))
    ids = moves["moved"].get("employment.jobseeker", {}).get("person", [])
    JobSeeker.objects.filter(pk__in=ids, person=survivor).update(person=merged)
