from django.urls import path

from xarxa.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.register, name="register"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/emergency-access/", views.emergency_access, name="emergency_access"),
    path("<uuid:public_id>/restriction/", views.restrict, name="restrict"),
    path("<uuid:public_id>/export.<str:fmt>", views.export, name="export"),
]
