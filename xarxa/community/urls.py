from django.urls import path

from xarxa.community import views

app_name = "community"
urlpatterns = [
    path("", views.point_list, name="points"),
    path("today/", views.today, name="today"),
    path("figures/", views.figures, name="figures"),
    path("figures.csv", views.figures, {"fmt": "csv"}, name="figures_csv"),
    path("figures.xlsx", views.figures, {"fmt": "xlsx"}, name="figures_xlsx"),
    path("points/<uuid:public_id>/", views.point_detail, name="point"),
    path("points/<uuid:public_id>/edit/", views.point_edit, name="point_edit"),
    path("points/<uuid:public_id>/equipment/", views.equipment, name="equipment"),
    path("needs/", views.needs, name="needs"),
    path("library/", views.library, name="library"),
    path("news/", views.news, name="news"),
    path("help/", views.help_requests, name="help_requests"),
    path("help/<uuid:public_id>/", views.help_request, name="help_request"),
    path("training/", views.training, name="training"),
    path("training/facilitators/", views.facilitators, name="facilitators"),
    path("training/<uuid:public_id>/", views.course, name="course"),
    path("projects/", views.projects, name="projects"),
    path("projects/<uuid:public_id>/", views.project, name="project"),
    path("points/<uuid:public_id>/projects/", views.projects, name="point_projects"),
    path("points/<uuid:public_id>/activities/new/", views.activity_new, name="activity_new"),
    path("points/<uuid:public_id>/participants/", views.participant_list, name="participants"),
    path("activities/<uuid:public_id>/", views.activity_detail, name="activity"),
    path("activities/<uuid:public_id>/enrol/", views.enrol, name="enrol"),
    path("sessions/<uuid:public_id>/", views.sheet, name="sheet"),
    path("sessions/<uuid:public_id>/tick/", views.tick, name="tick"),
    path("sessions/<uuid:public_id>/walk-in/", views.walk_in, name="walk_in"),
    path("participants/<uuid:public_id>/", views.participant_detail, name="participant"),
    path(
        "participants/<uuid:public_id>/<str:what>/",
        views.participant_record,
        name="participant_record",
    ),
    path(
        "participants/<uuid:public_id>/certificate.pdf",
        views.certificate,
        name="certificate",
    ),
]
