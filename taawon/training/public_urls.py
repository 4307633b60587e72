from django.urls import path

from . import public_views

app_name = "certificates"

urlpatterns = [
    path("verify/", public_views.verify, name="verify"),
]
