from django.urls import path  # noqa: F401

from xarxa.people import views  # noqa: F401

app_name = "people"
urlpatterns: list = []
