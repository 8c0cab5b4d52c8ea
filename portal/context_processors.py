from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.access import is_administrator

MAIN_NAVIGATION = [
    ("groups", _("Grupper"), "groups:list"),
    ("commissions", _("Uppdrag"), "governance:commission_list"),
    ("meetings", _("Möten"), "governance:meeting_list"),
    ("decisions", _("Beslut"), "governance:decision_list"),
    ("finance", _("Ekonomi"), "finance:budget_list"),
]


def navigation(request):
    """The main navigation, with the section of the current page marked for aria-current."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    resolver = getattr(request, "resolver_match", None)
    section = getattr(resolver, "url_name", "") if resolver else ""
    current_namespace = resolver.namespace if resolver else ""
    items = []
    for key, label, url_name in MAIN_NAVIGATION:
        url = reverse(url_name)
        namespace = url_name.split(":")[0]
        view_prefix = {"commissions": "commission", "meetings": "meeting", "decisions": "decision"}
        current = namespace == current_namespace and (
            key not in view_prefix or section.startswith(view_prefix[key])
        )
        items.append({"key": key, "label": label, "url": url, "current": current})
    administrator = is_administrator(request.user)
    if administrator:
        items.append(
            {
                "key": "administration",
                "label": _("Administration"),
                "url": reverse("administration:index"),
                "current": current_namespace == "administration",
            }
        )
        items.append(
            {
                "key": "audit",
                "label": _("Granskning"),
                "url": reverse("audit:log"),
                "current": current_namespace == "audit" or section == "lockout_list",
            }
        )
        items.append(
            {
                "key": "outbox",
                "label": _("Utskick"),
                "url": reverse("notifications:outbox"),
                "current": current_namespace == "notifications" and section == "outbox",
            }
        )
    return {"main_navigation": items, "user_is_administrator": administrator}
