from django.urls import path

from governance.views import commissions, decisions, meetings, minutes, past, votes

app_name = "governance"
urlpatterns: list = [
    # Commissions (uppdrag)
    path("uppdrag/", commissions.commission_list, name="commission_list"),
    path("uppdrag/nytt/", commissions.commission_create, name="commission_create"),
    path("uppdrag/<int:pk>/", commissions.commission_detail, name="commission_detail"),
    path("uppdrag/<int:pk>/andra/", commissions.commission_edit, name="commission_edit"),
    path(
        "uppdrag/<int:pk>/status/<str:status>/",
        commissions.commission_status,
        name="commission_status",
    ),
    path("uppdrag/<int:pk>/historik/", commissions.commission_history, name="commission_history"),
    path("uppdrag/<int:pk>/per-datum/", past.commission_as_of, name="commission_as_of"),
    path("uppdrag/<int:pk>/pdf/", commissions.commission_pdf_download, name="commission_pdf"),
    path("uppdrag/<int:pk>/leveranser/ny/", commissions.deliverable_add, name="deliverable_add"),
    path(
        "uppdrag/leveranser/<int:pk>/andra/",
        commissions.deliverable_edit,
        name="deliverable_edit",
    ),
    path(
        "uppdrag/leveranser/<int:pk>/levererad/",
        commissions.deliverable_deliver,
        name="deliverable_deliver",
    ),
    path("uppdrag/mallar/", commissions.section_template_list, name="section_template_list"),
    path(
        "uppdrag/mallar/<int:pk>/",
        commissions.section_template_edit,
        name="section_template_edit",
    ),
    # Meetings, minutes and decisions
    path("moten/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("moten/grupp/<int:group_id>/", meetings.meeting_group_list, name="meeting_group_list"),
    path("moten/grupp/<int:group_id>/nytt/", meetings.meeting_create, name="meeting_create"),
    path("moten/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("moten/<int:pk>/andra/", meetings.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/dagordning/", meetings.meeting_agenda, name="meeting_agenda"),
    path(
        "moten/punkt/<int:item_pk>/andra/",
        meetings.meeting_agenda_item_edit,
        name="meeting_agenda_item_edit",
    ),
    path(
        "moten/punkt/<int:item_pk>/flytta/",
        meetings.meeting_agenda_item_move,
        name="meeting_agenda_item_move",
    ),
    path(
        "moten/punkt/<int:item_pk>/ta-bort/",
        meetings.meeting_agenda_item_delete,
        name="meeting_agenda_item_delete",
    ),
    path(
        "moten/punkt/<int:item_pk>/bilaga/",
        meetings.meeting_agenda_item_attachment,
        name="meeting_agenda_item_attachment",
    ),
    path("moten/<int:pk>/narvaro/", meetings.meeting_attendance, name="meeting_attendance"),
    path("moten/<int:pk>/gast/", meetings.meeting_guest_add, name="meeting_guest_add"),
    path(
        "moten/gast/<int:guest_pk>/ta-bort/",
        meetings.meeting_guest_remove,
        name="meeting_guest_remove",
    ),
    path("moten/<int:pk>/kallelse.pdf", meetings.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("moten/<int:pk>/protokoll/", minutes.meeting_minutes_edit, name="meeting_minutes_edit"),
    path(
        "moten/<int:pk>/protokoll/punkt/<int:item_pk>/",
        minutes.meeting_minutes_item,
        name="meeting_minutes_item",
    ),
    path(
        "moten/<int:pk>/protokoll/skicka/",
        minutes.meeting_minutes_submit,
        name="meeting_minutes_submit",
    ),
    path(
        "moten/<int:pk>/protokoll/ta-tillbaka/",
        minutes.meeting_minutes_withdraw,
        name="meeting_minutes_withdraw",
    ),
    path(
        "moten/<int:pk>/protokoll/justera/",
        minutes.meeting_minutes_approve,
        name="meeting_minutes_approve",
    ),
    path(
        "moten/<int:pk>/protokoll/rattelse/",
        minutes.meeting_minutes_correct,
        name="meeting_minutes_correct",
    ),
    path("moten/<int:pk>/protokoll.pdf", minutes.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("beslut/", decisions.DecisionListView.as_view(), name="decision_list"),
    path(
        "beslut/export.<str:fmt>",
        decisions.decision_export,
        name="decision_export",
    ),
    path("beslut/nytt/", decisions.decision_create, name="decision_create"),
    path("beslut/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("beslut/<int:pk>/andra/", decisions.decision_edit, name="decision_edit"),
    path("beslut/<int:pk>/per-datum/", past.decision_as_of, name="decision_as_of"),
    path(
        "beslut/<int:pk>/reservation/",
        decisions.decision_reservation_add,
        name="decision_reservation_add",
    ),
    path("beslut/<int:pk>/uppfoljning/", decisions.decision_follow_up, name="decision_follow_up"),
    path(
        "beslut/<int:pk>/omedelbar-justering/",
        decisions.decision_approve_immediately,
        name="decision_approve_immediately",
    ),
    path(
        "beslut/<int:pk>/bilaga/", decisions.decision_attachment_add, name="decision_attachment_add"
    ),
    path("beslut/<int:pk>/protokollsutdrag.pdf", decisions.decision_pdf, name="decision_pdf"),
    path("beslut/<int:pk>/handlaggning/", votes.decision_proceedings, name="decision_proceedings"),
    path(
        "beslut/<int:pk>/propositionsordning/",
        votes.decision_proposition,
        name="decision_proposition",
    ),
    path("beslut/<int:pk>/jav/", votes.decision_recusal_add, name="decision_recusal_add"),
    path("beslut/<int:pk>/votering/", votes.decision_vote, name="decision_vote"),
    path(
        "beslut/<int:pk>/votering/ta-bort/",
        votes.decision_vote_remove,
        name="decision_vote_remove",
    ),
    path("yrkanden/<int:pk>/ta-bort/", votes.motion_remove, name="motion_remove"),
    path("jav/<int:pk>/ta-bort/", votes.recusal_remove, name="recusal_remove"),
    path("bilagor/<int:pk>/", decisions.attachment_download, name="attachment_download"),
    path("bilagor/<int:pk>/ta-bort/", decisions.attachment_remove, name="attachment_remove"),
    path(
        "reservationer/<int:pk>/ta-bort/",
        decisions.decision_reservation_remove,
        name="decision_reservation_remove",
    ),
]
