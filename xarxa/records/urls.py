from django.urls import path

from xarxa.records import views

app_name = "records"
urlpatterns = [
    path("mine/", views.caseload, name="caseload"),
    path("<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("<uuid:public_id>/interventions/", views.intervention_add, name="intervention_add"),
    path("<uuid:public_id>/<str:action>/", views.case_status, name="case_status"),
    path("for/<uuid:person_public_id>/", views.case_open, name="case_open"),
    path("person/<uuid:person_public_id>/timeline/", views.timeline, name="timeline"),
]
