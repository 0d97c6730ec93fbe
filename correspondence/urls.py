from django.urls import path

from .views import letters, outbox, reminders, replies

app_name = "correspondence"

urlpatterns = [
    path("letters/", letters.letter_list, name="letters"),
    path("letters/new/", letters.letter_edit, name="letter_create"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter"),
    path("letters/<int:pk>/edit/", letters.letter_edit, name="letter_edit"),
    path("letters/<int:pk>/approve/", letters.letter_approve, name="letter_approve"),
    path("letters/<int:pk>/send/", letters.letter_send, name="letter_send"),
    path("letters/<int:pk>/pdf/", letters.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/duplicate/", letters.letter_duplicate, name="letter_duplicate"),
    path("letters/<int:pk>/follow-up/", letters.letter_follow_up, name="letter_follow_up"),
    path("letters/<int:pk>/delete/", letters.letter_delete, name="letter_delete"),
    path("letters/<int:pk>/replies/new/", replies.reply_create, name="reply_create"),
    path(
        "letters/<int:pk>/replies/<int:reply_pk>/attachment/",
        replies.reply_attachment,
        name="reply_attachment",
    ),
    path("awaiting-reply/", replies.awaiting_list, name="awaiting"),
    path("reminders/", reminders.rule_list, name="rules"),
    path("reminders/new/", reminders.rule_edit, name="rule_create"),
    path("reminders/import/", reminders.rule_import, name="rule_import"),
    path("reminders/<int:pk>/", reminders.rule_detail, name="rule"),
    path("reminders/<int:pk>/edit/", reminders.rule_edit, name="rule_edit"),
    path("reminders/<int:pk>/switch/", reminders.rule_switch, name="rule_switch"),
    path("reminders/<int:pk>/delete/", reminders.rule_delete, name="rule_delete"),
    path("upcoming/", outbox.upcoming, name="upcoming"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/preview/", outbox.message_preview, name="message_preview"),
    path("outbox/<int:pk>/retry/", outbox.message_retry, name="message_retry"),
    path("outbox/<int:pk>/pdf/", outbox.message_pdf, name="message_pdf"),
]
