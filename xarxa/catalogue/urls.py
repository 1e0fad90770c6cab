from django.urls import path

from xarxa.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("new/", views.service_create, name="service_create"),
    path("<uuid:public_id>/", views.service_detail, name="service_detail"),
    path("<uuid:public_id>/edit/", views.service_edit, name="service_edit"),
    path("<uuid:public_id>/retire/", views.service_retire, name="service_retire"),
    path("<uuid:public_id>/review/", views.service_review, name="service_review"),
]

directory_urlpatterns = (
    [
        path("", views.directory, name="directory"),
        path("<uuid:public_id>/", views.directory_entry, name="directory_entry"),
    ],
    "directory",
)
