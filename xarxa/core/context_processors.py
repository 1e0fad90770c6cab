from django.conf import settings

from xarxa.core.middleware import session_expires_in


def xarxa(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "session_idle_seconds": session_expires_in(request) if hasattr(request, "session") else 0,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
