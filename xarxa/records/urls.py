from django.urls import path

from xarxa.records import views

app_name = "records"
urlpatterns = [
    path("mine/", views.caseload, name="caseload"),
    path("for/<uuid:person_public_id>/", views.case_open, name="case_open"),
    path(
        "household/<uuid:household_public_id>/open/",
        views.case_open_household,
        name="case_open_household",
    ),
    path("person/<uuid:person_public_id>/timeline/", views.timeline, name="timeline"),
    path("<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("<uuid:public_id>/interventions/", views.intervention_add, name="intervention_add"),
    path(
        "<uuid:public_id>/interventions/<int:intervention_id>/files/",
        views.attachments,
        name="attachments",
    ),
    path(
        "<uuid:public_id>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<uuid:public_id>/close/", views.case_status, {"action": "close"}, name="case_close"),
    path("<uuid:public_id>/reopen/", views.case_status, {"action": "reopen"}, name="case_reopen"),
    path("<uuid:public_id>/assign/", views.case_assign, name="case_assign"),
    path("<uuid:public_id>/people/", views.participant_add, name="participant_add"),
    path(
        "<uuid:public_id>/people/<int:participant_id>/end/",
        views.participant_end,
        name="participant_end",
    ),
    path("<uuid:public_id>/problems/", views.problem_add, name="problem_add"),
    path(
        "<uuid:public_id>/problems/<int:problem_id>/end/",
        views.problem_end,
        name="problem_end",
    ),
]
