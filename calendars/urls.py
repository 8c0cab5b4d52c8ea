from django.urls import path

from calendars.views import feeds, page

app_name = "calendars"

urlpatterns = [
    path("", page.calendar_page, name="page"),
    path("skapa/", page.token_create, name="token_create"),
    path("aterkalla/", page.token_revoke, name="token_revoke"),
    path("moten/<int:meeting_id>.ics", feeds.meeting_ics, name="meeting_ics"),
    path("flode/<str:token>.ics", feeds.personal_feed, name="personal_feed"),
    path("flode/<str:token>/grupp/<int:group_id>.ics", feeds.group_feed, name="group_feed"),
]
