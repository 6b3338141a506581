from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("frirum.core.urls")),
    path("", include("frirum.accounts.urls")),
    path("", include("frirum.contacts.urls")),
    path("", include("frirum.family.urls")),
    path("", include("frirum.questionnaires.urls")),
    path("", include("frirum.reports.urls")),
    path("", include("frirum.interchange.urls")),
    path("", include("frirum.audit.urls")),
    path("", include("frirum.trash.urls")),
    path("", include("frirum.directory.urls")),
    path("", include("frirum.sites.urls")),
    path("", include("frirum.public.urls")),
    path("", include("frirum.bookings.urls")),
    path("", include("frirum.planning.urls")),
    path("", include("frirum.volunteers.urls")),
    path("", include("frirum.rosters.urls")),
    path("", include("frirum.chat.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "frirum.core.errors.bad_request"
handler403 = "frirum.core.errors.permission_denied"
handler404 = "frirum.core.errors.page_not_found"
handler500 = "frirum.core.errors.server_error"
