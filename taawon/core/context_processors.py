"""Navigation entries shown to the logged-in user, per app, in the active language."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taawon.accounts import scoping

# (url name, label, domain the user must be able to read)
NAVIGATION = [
    ("people:person_list", _("People"), "people"),
    ("cooperatives:cooperative_list", _("Cooperatives"), "cooperatives"),
    ("employment:overview", _("Employment"), "employment"),
    ("permits:permit_list", _("Work permits"), "permits"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [
        {"url": reverse(name), "label": label, "active": request.path.startswith(reverse(name))}
        for name, label, domain in NAVIGATION
        if not scoping.reach(user, scoping.READ, domain=domain).empty
    ]
    return {"navigation": items}
