"""/openrosa/: the OpenRosa 1.0 server for ODK Collect (see `openrosa`). Each route twice: with
the collection token in the path (the server URL given to ODK Collect), and bare for HTTP
Basic. A form and a media file are named in the query string (`?formId=...&filename=...`),
as ODK Aggregate's URLs did: ODK Collect follows the URLs the form list gives."""

from django.urls import path

from . import openrosa

app_name = "openrosa"

ROUTES = (
    ("formList", openrosa.form_list, "form_list"),
    ("formXml", openrosa.form_download, "form_download"),
    ("xformsManifest", openrosa.manifest, "manifest"),
    ("formMedia", openrosa.media, "media"),
    ("submission", openrosa.submission, "submission"),
)

urlpatterns = [path(route, view, name=name) for route, view, name in ROUTES] + [
    path(f"key/<str:key>/{route}", view, name=f"key_{name}") for route, view, name in ROUTES
]
