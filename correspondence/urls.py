from django.urls import path

from . import views

app_name = "correspondence"

urlpatterns = [
    path("letters/", views.letter_list, name="letters"),
    path("letters/new/", views.letter_edit, name="letter_create"),
    path("letters/<int:pk>/", views.letter_detail, name="letter"),
    path("letters/<int:pk>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/approve/", views.letter_approve, name="letter_approve"),
    path("letters/<int:pk>/send/", views.letter_send, name="letter_send"),
    path("letters/<int:pk>/pdf/", views.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/duplicate/", views.letter_duplicate, name="letter_duplicate"),
    path("letters/<int:pk>/follow-up/", views.letter_follow_up, name="letter_follow_up"),
    path("letters/<int:pk>/delete/", views.letter_delete, name="letter_delete"),
    path("letters/<int:pk>/replies/new/", views.reply_create, name="reply_create"),
    path(
        "letters/<int:pk>/replies/<int:reply_pk>/attachment/",
        views.reply_attachment,
        name="reply_attachment",
    ),
    path("awaiting-reply/", views.awaiting_list, name="awaiting"),
    path("reminders/", views.rule_list, name="rules"),
    path("reminders/new/", views.rule_edit, name="rule_create"),
    path("reminders/import/", views.rule_import, name="rule_import"),
    path("reminders/<int:pk>/", views.rule_detail, name="rule"),
    path("reminders/<int:pk>/edit/", views.rule_edit, name="rule_edit"),
    path("reminders/<int:pk>/switch/", views.rule_switch, name="rule_switch"),
    path("reminders/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("upcoming/", views.upcoming, name="upcoming"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/preview/", views.message_preview, name="message_preview"),
    path("outbox/<int:pk>/retry/", views.message_retry, name="message_retry"),
    path("outbox/<int:pk>/pdf/", views.message_pdf, name="message_pdf"),
]
