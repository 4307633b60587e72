from django.urls import path

from . import views

app_name = "duplicates"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("runs/new/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/merge/", views.pair_merge, name="pair_merge"),
    path("pairs/<int:pk>/reject/", views.pair_reject, name="pair_reject"),
    path("merges/", views.merge_list, name="merge_list"),
    path("merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
    path("merges/<int:pk>/keep/", views.merge_keep, name="merge_keep"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<int:pk>/enabled/", views.rule_enabled, name="rule_enabled"),
]
