from django.urls import path

from . import registry, views

app_name = "exports"

# One route per list (exports:<list name>), so that each is its own line of the access matrix;
# the registry is complete here (apps.ready ran before the URLconf is imported).
urlpatterns = [
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
    *[
        path(f"{name}/", views.export_list, {"name": name}, name=name)
        for name in sorted(registry.REGISTRY)
    ],
]
