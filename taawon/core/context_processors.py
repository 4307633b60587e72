"""Navigation entries shown to the logged-in user, in the active language.

The entries are registered by the apps themselves (taawon.core.navigation)."""

from django.http import HttpRequest
from django.urls import reverse

from taawon.accounts import scoping

from . import navigation as registry


def navigation(request: HttpRequest) -> dict[str, list[dict]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for entry in registry.entries():
        if scoping.reach(user, entry.action, domain=entry.domain).empty:
            continue
        url = reverse(entry.url_name)
        items.append({"url": url, "label": entry.label, "active": request.path.startswith(url)})
    return {"navigation": items}
