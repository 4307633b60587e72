from django.urls import path

from . import public_views

app_name = "feedback"

urlpatterns = [
    path("", public_views.feedback_form, name="form"),
    path("thanks/", public_views.feedback_thanks, name="thanks"),
    path("status/", public_views.feedback_status, name="status"),
]
