from django.urls import include, path

from xarxa.api import api
from xarxa.catalogue.urls import directory_urlpatterns

handler400 = "xarxa.core.views.bad_request"
handler403 = "xarxa.core.views.permission_denied"
handler404 = "xarxa.core.views.not_found"
handler500 = "xarxa.core.views.server_error"

urlpatterns = [
    path("", include("xarxa.core.urls")),
    path("", include("xarxa.accounts.urls")),
    path("territory/", include("xarxa.territory.urls")),
    path("organisations/", include("xarxa.organisations.urls")),
    path("persons/", include("xarxa.people.urls")),
    path("persons/", include("xarxa.records.person_urls")),
    path("cases/", include("xarxa.records.urls")),
    path("catalogue/", include("xarxa.catalogue.urls")),
    path("referrals/", include("xarxa.referrals.urls")),
    path("assessments/", include("xarxa.screening.urls")),
    path("plans/", include("xarxa.plans.urls")),
    path("community/", include("xarxa.community.urls")),
    path("directory/", include(directory_urlpatterns)),
    path("api/v1/", api.urls),
]
