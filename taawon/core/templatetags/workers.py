"""`{% worker_notice %}`: on a page whose job waits for a worker, say when none is running."""

from django import template

from taawon.core.workers import worker_seems_absent

register = template.Library()


@register.inclusion_tag("includes/worker_notice.html")
def worker_notice() -> dict[str, bool]:
    return {"absent": worker_seems_absent()}
