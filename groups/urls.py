from django.urls import path

from groups.views import coverage, groups, imports, members, past, people

app_name = "groups"
urlpatterns = [
    path("", groups.GroupListView.as_view(), name="list"),
    path("trad/", groups.GroupTreeView.as_view(), name="tree"),
    path("ny/", groups.group_create, name="create"),
    path("<int:pk>/", groups.GroupDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", groups.group_edit, name="edit"),
    path("<int:pk>/per-datum/", past.group_as_of, name="as_of"),
    path("<int:pk>/medlemmar/ny/", members.membership_add, name="membership_add"),
    path("medlemskap/<int:pk>/avsluta/", members.membership_end, name="membership_end"),
    path("personer/", people.PersonListView.as_view(), name="person_list"),
    path("personer/ny/", people.person_create, name="person_create"),
    path("personer/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("personer/<int:pk>/andra/", people.person_edit, name="person_edit"),
    path("personer/<int:pk>/bjud-in/", people.person_invite, name="person_invite"),
    path("personer/<int:pk>/avaktivera/", people.person_deactivate, name="person_deactivate"),
    path(
        "personer/<int:pk>/personuppgifter/",
        people.person_data_export,
        name="person_data_export",
    ),
    path("personer/<int:pk>/radera/", people.person_erase, name="person_erase"),
    path("tackning/", coverage.coverage_index, name="coverage_index"),
    path("tackning/<slug:slug>/", coverage.CoverageView.as_view(), name="coverage"),
    path("import/", imports.member_import, name="import"),
]
