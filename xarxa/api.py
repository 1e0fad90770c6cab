"""The JSON API at /api/v1/: bearer tokens, problem-details errors, same policies as the UI."""

from ninja import NinjaAPI
from ninja.security import HttpBearer

from xarxa.accounts.api import router as accounts_router
from xarxa.accounts.selectors import api_token_authenticate
from xarxa.catalogue.api import router as catalogue_router
from xarxa.community.api import router as community_router
from xarxa.core.api import router as core_router
from xarxa.core.errors import install_problem_handlers
from xarxa.core.openapi import declare_refusals
from xarxa.organisations.api import router as organisations_router
from xarxa.people.api import router as people_router
from xarxa.plans.api import router as plans_router
from xarxa.records.api import persons_router as records_persons_router
from xarxa.records.api import router as records_router
from xarxa.referrals.api import router as referrals_router
from xarxa.screening.api import router as screening_router
from xarxa.territory.api import router as territory_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
            request.token_authenticated = True  # no session: see SessionRenewalMiddleware
        return user


class XarxaAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return declare_refusals(super().get_openapi_schema(**kwargs))


api = XarxaAPI(
    title="Xarxa API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


install_problem_handlers(api)

api.add_router("/me", accounts_router)
api.add_router("/territory", territory_router)
api.add_router("/organisations", organisations_router)
api.add_router("/audit", core_router)
api.add_router("/persons", people_router)
api.add_router("/persons", records_persons_router)  # the subject-access export
api.add_router("/cases", records_router)
api.add_router("/catalogue", catalogue_router)
api.add_router("/referrals", referrals_router)
api.add_router("/assessments", screening_router)
api.add_router("/plans", plans_router)
api.add_router("/community", community_router)
