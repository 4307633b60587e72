from django.urls import path

from . import planning_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_table, name="indicator_table"),
    path("logframe/", planning_views.logframe, name="logframe"),
    path("logframe/new/", planning_views.logframe_item_create, name="logframe_item_create"),
    path("logframe/targets/", planning_views.target_set, name="target_set"),
    path("locks/", planning_views.period_locks, name="period_locks"),
    path("locks/unlock/", planning_views.period_unlock, name="period_unlock"),
]
