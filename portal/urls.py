from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts.middleware import second_factor_exempt
from portal.access import may_use_django_admin
from portal.forms import AdminLoginForm, LoginForm, PortalPasswordChangeForm, PortalSetPasswordForm
from portal.views import pages
from portal.views.dashboard import DashboardView
from portal.views.lockouts import lockout_list

# Django admin's login is throttled like the portal's (axes' backend) and refuses with the
# same message.
admin.site.login_form = AdminLoginForm
admin.site.has_permission = may_use_django_admin

handler400 = "portal.views.errors.bad_request"
handler403 = "portal.views.errors.permission_denied"
handler404 = "portal.views.errors.page_not_found"
handler500 = "portal.views.errors.server_error"

account_patterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logga-ut/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(form_class=PortalPasswordChangeForm),
        name="password_change",
    ),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "aktivera/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="registration/activate_confirm.html",
                form_class=PortalSetPasswordForm,
                success_url="/konto/aktivera/klart/",
            )
        ),
        name="account_activate",
    ),
    path(
        "aktivera/klart/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="registration/activate_complete.html"
            )
        ),
        name="account_activate_complete",
    ),
    path("sparrar/", lockout_list, name="lockout_list"),
]

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("konto/", include(account_patterns)),
    path("konto/", include("accounts.urls")),
    path("sprak/", login_not_required(set_language), name="set_language"),
    path("tillganglighet/", pages.accessibility_statement, name="accessibility"),
    path("hjalp/", pages.help_index, name="help"),
    path("hjalp/<slug:role>/", pages.help_page, name="help_page"),
    path("grupper/", include("groups.urls")),
    path("administration/", include("groups.urls_administration")),
    path("", include("governance.urls")),
    path("ekonomi/", include("finance.urls")),
    path("granskning/", include("audit.urls")),
    path("sok/", include("search.urls")),
    path("anslagstavla/", include("noticeboard.urls")),
    path("kalender/", include("calendars.urls")),
    path("offentligt/", include("public.urls")),
    path("oparl/v1/", include("oparl.urls")),
    path("oppna-data/", include("oparl.urls_open_data")),
    path("utskick/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]
