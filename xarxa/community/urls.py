from django.urls import path

from xarxa.community.activities import views as activities
from xarxa.community.attendance import views as attendance
from xarxa.community.equipment import views as equipment
from xarxa.community.figures import views as figures
from xarxa.community.help_requests import views as help_requests
from xarxa.community.knowledge import views as knowledge
from xarxa.community.participants import views as participants
from xarxa.community.points import views as points
from xarxa.community.projects import views as projects
from xarxa.community.training import views as training

app_name = "community"
urlpatterns = [
    path("", points.point_list, name="points"),
    path("today/", activities.today, name="today"),
    path("figures/", figures.figures, name="figures"),
    path("figures.csv", figures.figures, {"fmt": "csv"}, name="figures_csv"),
    path("figures.xlsx", figures.figures, {"fmt": "xlsx"}, name="figures_xlsx"),
    path("points/<uuid:public_id>/", points.point_detail, name="point"),
    path("points/<uuid:public_id>/edit/", points.point_edit, name="point_edit"),
    path("points/<uuid:public_id>/equipment/", equipment.equipment, name="equipment"),
    path("needs/", equipment.needs, name="needs"),
    path("library/", knowledge.library, name="library"),
    path("news/", knowledge.news, name="news"),
    path("help/", help_requests.help_requests, name="help_requests"),
    path("help/<uuid:public_id>/", help_requests.help_request, name="help_request"),
    path("training/", training.training, name="training"),
    path("training/facilitators/", training.facilitators, name="facilitators"),
    path("training/<uuid:public_id>/", training.course, name="course"),
    path("projects/", projects.projects, name="projects"),
    path("projects/<uuid:public_id>/", projects.project, name="project"),
    path("points/<uuid:public_id>/projects/", projects.projects, name="point_projects"),
    path("points/<uuid:public_id>/activities/new/", activities.activity_new, name="activity_new"),
    path(
        "points/<uuid:public_id>/participants/",
        participants.participant_list,
        name="participants",
    ),
    path("activities/<uuid:public_id>/", activities.activity_detail, name="activity"),
    path("activities/<uuid:public_id>/enrol/", participants.enrol, name="enrol"),
    path("sessions/<uuid:public_id>/", attendance.sheet, name="sheet"),
    path("sessions/<uuid:public_id>/tick/", attendance.tick, name="tick"),
    path("sessions/<uuid:public_id>/walk-in/", attendance.walk_in, name="walk_in"),
    path("participants/<uuid:public_id>/", participants.participant_detail, name="participant"),
    path(
        "participants/<uuid:public_id>/<str:what>/",
        participants.participant_record,
        name="participant_record",
    ),
    path(
        "participants/<uuid:public_id>/certificate.pdf",
        participants.certificate,
        name="certificate",
    ),
]
