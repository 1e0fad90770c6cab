from ninja import Router, Schema

from xarxa.accounts.selectors import scope_for

router = Router(tags=["me"])


class AssignmentOut(Schema):
    role: str
    team: str
    organisation: str


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    permissions: list[str]


@router.get("", response=MeOut, summary="Who the token belongs to and what it may do")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "display_name": user.display_name,
        "roles": sorted(scope_for(user).roles),
        "permissions": sorted(user.get_all_permissions()),
    }
