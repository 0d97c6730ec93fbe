"""The audit trail: every change, by whom, from where, before and after; bulk writes too; and
the application cannot rewrite it."""

import csv
import io
import itertools
import time
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone
from simple_history.models import HistoricalChanges

from common.audit import (
    Actor,
    AuditedQuerySet,
    AuditFields,
    Source,
    acting_as,
    audited_models,
    history_manager,
    history_tables,
    install_append_only_triggers,
)
from reporting.models import ExpectedReport
from states_parties.models import StateParty
from tests.factories import StatePartyFactory, UserFactory, bulk_states, synthetic_iso3
from tests.utils import queries_for

pytestmark = pytest.mark.django_db

#: Tables that are not records anyone keeps, with the reason they stay off the trail.
NOT_AUDITED = {
    "reporting.ExpectedReport": "derived from a State's dates by services, recomputed at will",
    "reporting.ReportingSummary": "a read model rebuilt from expected reports",
    "reporting.DueDateCount": "a read model recounted from expected reports",
    "activities.Article": "the Convention's articles, written by a data migration, not editable",
    "documents.RenderJob": "a rendering of a PDF: output, re-made at will",
    "documents.DocumentVersion": "a published version, frozen: itself the record of it",
    "documents.DocumentEvent": "the workflow's own append-only log of who did what to a document",
    "correspondence.OutgoingMessage": "the outbox is its own log: status, attempts, errors, times",
    "common.DemoDataset": "marks a demo database",
    "common.Heartbeat": "liveness of the worker and beat",
    "common.ImportJob": "an import's progress; the records it writes are on the trail",
    "common.StoredFile": "a file's bytes; the record naming it (and so the file) is on the trail",
    "accounts.PasswordResetRequest": "a counter of reset requests for throttling, kept a day",
    "auth.Permission": "created by migrations",
    "auth.Group": "not used: access follows User.role",
    "contenttypes.ContentType": "created by migrations",
    "sessions.Session": "sign-in state",
    "admin.LogEntry": "the admin's own log",
    "otp_totp.TOTPDevice": "authenticator secrets: never copied into a history table",
    "axes.AccessAttempt": "the lockout counter",
    "axes.AccessLog": "the sign-in log",
    "axes.AccessFailureLog": "the sign-in log",
    "axes.AccessAttemptExpiration": "the lockout counter",
}


def _user_ids(*usernames):
    from accounts.models import User

    return [str(User.objects.get(username=name).pk) for name in usernames]


def _state_history(state):
    return list(StateParty.history.filter(id=state.pk).order_by("history_date", "history_id"))


# --- every model is on the trail ------------------------------------------------------------------


def test_every_model_is_audited_or_listed_with_a_reason():
    labels = {
        model._meta.label
        for model in apps.get_models()
        if not issubclass(model, HistoricalChanges) and not model._meta.auto_created
    }
    audited = {model._meta.label for model in audited_models()}
    assert labels - audited == set(NOT_AUDITED)
    for model in audited_models():
        assert issubclass(model._default_manager._queryset_class, AuditedQuerySet), model
        assert issubclass(history_manager(model).model, AuditFields), model


def test_every_history_table_refuses_updates_deletes_and_truncation():
    assert install_append_only_triggers() == history_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers "
            "WHERE trigger_name = 'history_append_only'"
        )
        protected = sorted(row[0] for row in cursor.fetchall())
    assert protected == history_tables()
    assert "states_parties_historicalstateparty" in protected
    assert "committees_historicalmeeting_states" in protected  # many-to-many snapshots too


# --- who ------------------------------------------------------------------------------------------


def test_a_change_in_the_browser_records_the_user_the_address_and_before_and_after(staff_client):
    state = StatePartyFactory(iso3="KHM", name="Cambodia", deposit_date=date(1999, 7, 28))
    form = {
        "iso3": "KHM",
        "name": "Cambodia",
        "regional_group": "asia_pacific",
        "signature_date": "1997-12-03",
        "instrument": "ratification",
        "deposit_date": "1999-08-02",
    }
    response = staff_client.post("/states/KHM/edit/", form, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302
    created, changed = _state_history(state)
    assert (created.history_type, changed.history_type) == ("+", "~")
    assert changed.history_user.username == "staff"
    assert changed.history_source == Source.WEB
    assert changed.history_origin == "POST /states/KHM/edit/"
    assert changed.history_ip == "192.0.2.44"
    page = staff_client.get(f"/history/states_parties.stateparty/{state.pk}/").content.decode()
    assert "<dt>Deposit of instrument</dt>" in page
    assert "<del>1999-07-28</del> → <ins>1999-08-02</ins>" in page
    assert "<del>2000-01-01</del> → <ins>2000-02-01</ins>" in page  # entry into force follows
    assert "<del>Western European and Others Group</del> → <ins>Asia-Pacific Group</ins>" in page


def test_a_command_records_the_command_and_the_named_user(tmp_path):
    UserFactory(username="irene", role="isu_staff")
    path = tmp_path / "states.csv"
    header = "iso3,name,signature_date,instrument,deposit_date,withdrawal_deposit_date\n"
    path.write_text(header + "KHM,Cambodia,1997-12-03,ratification,1999-07-28,\n")
    call_command("import_states_parties", str(path), user="irene", stdout=io.StringIO())
    (row,) = StateParty.history.all()
    assert row.history_user.username == "irene"
    assert row.history_source == Source.COMMAND
    assert row.history_origin.startswith("manage.py import_states_parties (system user ")

    path.write_text(header + "KHM,Kingdom of Cambodia,1997-12-03,ratification,1999-07-28,\n")
    call_command("import_states_parties", str(path), stdout=io.StringIO())
    latest = StateParty.history.latest()
    assert latest.history_user is None  # no account named: the system user is recorded
    assert latest.history_origin.startswith("manage.py import_states_parties (system user ")


@pytest.mark.real_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_records_the_user_who_enqueued_the_task(tmp_path):
    from tests.audit.tasks import rename_state
    from tests.celery_worker import WorkerProcess, route_tasks_to

    staff = UserFactory(username="irene", role="isu_staff")
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    worker = WorkerProcess(tmp_path, extra_env={"CELERY_EXTRA_IMPORTS": "tests.audit.tasks"})
    previous = route_tasks_to(worker.queue)
    worker.start(concurrency=1)
    try:
        with acting_as(Actor(Source.WEB, "POST /states/KHM/rename/", user_id=staff.pk)):
            rename_state.delay(state.pk, "Kingdom of Cambodia")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and StateParty.history.count() < 2:
            time.sleep(0.1)
    finally:
        worker.stop()
        route_tasks_to(previous)
    latest = StateParty.history.latest()
    assert latest.name == "Kingdom of Cambodia", worker.log()
    assert latest.history_user_id == staff.pk
    assert latest.history_source == Source.TASK
    assert latest.history_origin.startswith("task tests.rename_state [")
    assert latest.history_origin.endswith("] from POST /states/KHM/rename/")


# --- bulk writes ----------------------------------------------------------------------------------


def test_queryset_update_records_every_row_it_changes():
    states = bulk_states(3)
    assert StateParty.history.filter(history_type="+").count() == 3  # bulk_create, recorded
    staff = UserFactory(username="irene", role="isu_staff")
    with acting_as(Actor(Source.COMMAND, "manage.py fix_notes", user_id=staff.pk)):
        changed = StateParty.objects.filter(pk__in=[s.pk for s in states[:2]]).update(
            notes="checked"
        )
    assert changed == 2
    rows = StateParty.history.filter(history_type="~")
    assert sorted((row.id, row.notes, row.history_user_id) for row in rows) == sorted(
        (state.pk, "checked", staff.pk) for state in states[:2]
    )
    assert {row.history_origin for row in rows} == {"manage.py fix_notes"}


def test_bulk_update_records_the_rows_as_saved():
    states = bulk_states(2)
    for state in states:
        state.notes = f"note {state.iso3}"
    StateParty.objects.bulk_update(states, ["notes"])
    rows = StateParty.history.filter(history_type="~").order_by("id")
    assert [(row.id, row.notes) for row in rows] == [(s.pk, f"note {s.iso3}") for s in states]


def test_bulk_writes_that_cannot_say_which_rows_they_wrote_are_refused():
    with pytest.raises(ValueError, match="is audited"):
        StateParty.objects.bulk_create(
            [StateParty(iso3="KHM", name="Cambodia")], ignore_conflicts=True
        )


def test_deletions_are_recorded_with_the_last_values():
    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    StateParty.objects.filter(pk=state.pk).delete()
    deleted = StateParty.history.latest()
    assert (deleted.history_type, deleted.name) == ("-", "Cambodia")


def test_the_history_manager_is_not_rebuilt_on_every_save():
    # simple-history's descriptor builds a manager class on every access to ``Model.history``,
    # which every save makes; ours is built once, and still reads one record's history or all.
    assert type(StateParty.history) is type(StateParty.history)
    cambodia = StatePartyFactory(iso3="KHM", name="Cambodia")
    StatePartyFactory(iso3="LAO", name="Lao People's Democratic Republic")
    cambodia.name = "Kingdom of Cambodia"
    cambodia.save()
    assert [row.name for row in cambodia.history.order_by("history_id")] == [
        "Cambodia",
        "Kingdom of Cambodia",
    ]
    assert StateParty.history.count() == 3


def test_derived_tables_stay_off_the_trail():
    StatePartyFactory(iso3="KHM", deposit_date=date(1999, 7, 28))
    from reporting.services import sync_expected_reports

    sync_expected_reports()
    assert ExpectedReport.objects.exists()
    assert history_manager(ExpectedReport) is None


# --- append-only ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE states_parties_historicalstateparty SET name = 'Rewritten'",
        "DELETE FROM states_parties_historicalstateparty",
        "TRUNCATE states_parties_historicalstateparty",
    ],
)
def test_the_application_cannot_rewrite_history(statement):
    StatePartyFactory(iso3="KHM", name="Cambodia")
    with (
        pytest.raises(DatabaseError, match="The audit trail is append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The test settings let the test runner empty tables; an application session can't.
        cursor.execute("SET LOCAL secretariat.allow_history_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(statement)
    assert StateParty.history.get().name == "Cambodia"


def test_the_orm_cannot_rewrite_history_either():
    StatePartyFactory(iso3="KHM", name="Cambodia")
    with pytest.raises(DatabaseError), transaction.atomic():
        StateParty.history.update(name="Rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        StateParty.history.all().delete()
    assert StateParty.history.get().name == "Cambodia"


def test_accounts_are_deactivated_not_deleted(staff_user):
    user = UserFactory(username="leaver")
    client = Client()
    staff_user.is_staff = staff_user.is_superuser = True
    staff_user.save()
    from tests.utils import log_in_client

    log_in_client(client, staff_user)
    assert client.get(f"/admin/accounts/user/{user.pk}/delete/").status_code == 403
    with acting_as(Actor(Source.WEB, "POST /states/new/", user_id=user.pk)):
        StatePartyFactory(iso3="KHM")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        user.delete()  # the trail names the account: the database refuses to forget it


# --- the pages ------------------------------------------------------------------------------------


def _log_rows(client, query=""):
    response = client.get(f"/history/?format=csv{query}")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_application_wide_history_filters_by_user_kind_date_and_change(staff_client):
    irene = UserFactory(username="irene", role="isu_staff")
    with acting_as(Actor(Source.WEB, "POST /states/new/", user_id=irene.pk)):
        khm = StatePartyFactory(iso3="KHM", name="Cambodia")
    with acting_as(Actor(Source.COMMAND, "manage.py import_meetings")):
        from committees.models import Meeting

        Meeting.objects.create(
            kind="msp", number=22, start_date=date(2025, 12, 1), end_date=date(2025, 12, 5)
        )
    khm.name = "Kingdom of Cambodia"
    with acting_as(Actor(Source.WEB, "POST /states/KHM/edit/", user_id=irene.pk)):
        khm.save()

    rows = _log_rows(staff_client)
    assert rows[0] == [
        "date",
        "user",
        "record_kind",
        "record_id",
        "record",
        "change",
        "source",
        "origin",
        "address",
        "changes",
    ]
    meeting_id = rows[2][3]
    staff, irene_id = _user_ids("staff", "irene")
    assert [row[1:7] for row in rows[1:]] == [
        [
            "irene",
            "states_parties.stateparty",
            str(khm.pk),
            "Kingdom of Cambodia",
            "Changed",
            "web",
        ],
        ["", "committees.meeting", meeting_id, f"#{meeting_id}", "Created", "command"],
        ["irene", "states_parties.stateparty", str(khm.pk), "Cambodia", "Created", "web"],
        ["", "accounts.user", irene_id, "irene", "Created", "system"],
        ["", "accounts.user", staff, "staff", "Created", "system"],
    ]
    assert rows[1][9] == "Name: Cambodia → Kingdom of Cambodia"
    assert rows[2][9] == (
        "Kind: Meeting of the States Parties; Number: 22; Opens: 2025-12-01; Closes: 2025-12-05"
    )

    def kinds(query):
        return [(row[2], row[5]) for row in _log_rows(staff_client, query)[1:]]

    assert kinds(f"&user={irene.pk}") == [
        ("states_parties.stateparty", "Changed"),
        ("states_parties.stateparty", "Created"),
    ]
    assert kinds("&model=committees.meeting") == [("committees.meeting", "Created")]
    assert kinds("&action=%7E") == [("states_parties.stateparty", "Changed")]
    assert kinds("&source=command") == [("committees.meeting", "Created")]
    today = timezone.localdate()
    assert len(kinds(f"&date_from={today}&date_to={today}")) == 5
    later = today + timedelta(days=1)
    assert kinds(f"&date_from={later}") == []
    page = staff_client.get(f"/history/?date_from={later}&date_to={today}")
    assert page.status_code == 400
    assert "The end of the period is before its start." in page.content.decode()


def test_the_history_pages_are_paginated_and_their_queries_do_not_grow(staff_client, settings):
    settings.PAGE_SIZE = 10
    bulk_states(5)
    small = len(queries_for(staff_client, "/history/"))
    codes = list(itertools.islice(synthetic_iso3(), 5, 65))
    StateParty.objects.bulk_create([StateParty(iso3=code, name=f"State {code}") for code in codes])
    StateParty.objects.update(notes="checked")
    large = len(queries_for(staff_client, "/history/"))
    assert small == large
    page = staff_client.get("/history/?page=2").content.decode()
    assert "131 changes" in page  # 65 creations, 65 changes, the staff account
    assert "Page 2 of 14" in page
    assert page.count('data-testid="history-entry"') == 10


def test_a_states_history_includes_its_contacts_and_reports(staff_client):
    from reporting.models import Submission
    from reporting.services import save_submission
    from tests.factories import ContactFactory

    state = StatePartyFactory(iso3="KHM", name="Cambodia")
    ContactFactory(state=state, name="Ms Sok", email="sok@mission.example")
    save_submission(Submission(state=state, year=2023, received_on=date(2024, 4, 2)))
    page = staff_client.get(f"/history/states_parties.stateparty/{state.pk}/").content.decode()
    assert "3 changes" in page
    assert "Contact: <a" in page and "Ms Sok" in page
    assert "Article 7 report: <a" in page
    assert staff_client.get("/history/states_parties.stateparty/999999/").status_code == 200
    assert staff_client.get("/history/reporting.expectedreport/1/").status_code == 404
    assert staff_client.get("/history/states_parties.stateparty/abc/").status_code == 404


def test_bulk_updates_keep_the_many_to_many_snapshot(staff_client):
    from committees.models import Meeting

    khm = StatePartyFactory(iso3="KHM", name="Cambodia")
    meeting = Meeting.objects.create(
        kind="msp", number=22, start_date=date(2025, 12, 1), end_date=date(2025, 12, 5)
    )
    meeting.states.set([khm])
    Meeting.objects.filter(pk=meeting.pk).update(venue="Geneva")
    latest = Meeting.history.latest()
    assert latest.venue == "Geneva"
    assert [link.stateparty_id for link in latest.states.all()] == [khm.pk]
    page = staff_client.get(f"/history/committees.meeting/{meeting.pk}/").content.decode()
    assert "<dt>Venue</dt>" in page
    assert page.count("<dt>States Parties met</dt>") == 1  # when it was set, not when unchanged
