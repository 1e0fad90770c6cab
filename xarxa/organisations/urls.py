from django.urls import path

from xarxa.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("<slug:code>/", views.organisation_detail, name="organisation_detail"),
]
