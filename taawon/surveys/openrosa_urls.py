"""/openrosa/: the OpenRosa 1.0 server for ODK Collect (see `openrosa`). Each route twice: with
the collection token in the path (the server URL given to ODK Collect), and bare for HTTP
Basic."""

from django.urls import path

from . import openrosa

app_name = "openrosa"

ROUTES = (
    ("formList", openrosa.form_list, "form_list"),
    ("forms/<str:form_id>/form.xml", openrosa.form_download, "form_download"),
    ("forms/<str:form_id>/manifest", openrosa.manifest, "manifest"),
    ("forms/<str:form_id>/media/<str:filename>", openrosa.media, "media"),
    ("submission", openrosa.submission, "submission"),
)

urlpatterns = [path(route, view, name=name) for route, view, name in ROUTES] + [
    path(f"key/<str:key>/{route}", view, name=f"key_{name}") for route, view, name in ROUTES
]
