"""The pages of reminder rules: the list, a rule, its form, import, switch and delete."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import staff_required
from common.views import delete_record, import_csv

from .. import services
from ..forms import ReminderRuleForm
from ..imports import ReminderRuleImporter
from ..models import MessageStatus, ReminderRule
from .texts import text_form_page, text_sections


@staff_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = ReminderRule.objects.select_related("audience", "committee", "letter").annotate(
        planned=Count("messages", filter=Q(messages__status=MessageStatus.PLANNED)),
        sent=Count("messages", filter=Q(messages__status=MessageStatus.SENT)),
        failed=Count("messages", filter=Q(messages__status=MessageStatus.FAILED)),
    )
    return render(request, "correspondence/rule_list.html", {"rules": list(rules)})


@staff_required
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(
        ReminderRule.objects.select_related("audience", "committee", "letter"), pk=pk
    )
    counts = dict(
        rule.messages.order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    context = {
        "rule": rule,
        "counts": [
            (status, label, counts.get(status, 0)) for status, label in MessageStatus.choices
        ],
        "next_sends": rule.messages.upcoming()
        .select_related("state", "contact")
        .order_by("send_at", "state__name")[:10],
        "texts": text_sections(rule),
    }
    return render(request, "correspondence/rule_detail.html", context)


@staff_required
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk) if pk else None
    form = ReminderRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        saved = services.save_rule(form.instance)
        messages.success(
            request,
            _("The rule was saved; its sends are being planned (see “Upcoming sends”)."),
        )
        return redirect(saved)
    return text_form_page(
        request,
        form,
        _("Reminder rule") if rule else _("New reminder rule"),
        rule.get_absolute_url() if rule else reverse("correspondence:rules"),
        intro=_(
            "A reminder goes out at each offset from the anchor date, to the contacts of every "
            "State the anchor applies to in the audience, in each contact's language. Nothing "
            "whose time fell before “effective from” (or before the rule was created) is ever "
            "sent; sends stop when the obligation is met."
        ),
    )


@staff_required
def rule_import(request: HttpRequest) -> HttpResponse:
    return import_csv(
        request,
        ReminderRuleImporter(),
        title=_("Import reminder rules"),
        columns_help=_(
            "One row per rule, matched on its name. The anchor is given by its code or its "
            "name as the form shows it; the days before and after the anchor date are whole "
            "numbers separated by semicolons (60;30;7 and 1;30); the audience is given by its "
            "name, the sending committee by its code, the letter by its reference "
            "(CCC/2026/12); the kinds of contact are separated by semicolons. The texts follow "
            "the same rules as in the form."
        ),
        done_url=reverse("correspondence:rules"),
    )


@staff_required
@require_POST
def rule_switch(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk)
    active = request.POST.get("active") == "1"
    services.switch_rule(rule, active)
    messages.success(
        request,
        _("The rule is on; its sends are planned.")
        if active
        else _("The rule is off; its planned sends are skipped."),
    )
    return redirect(rule)


@staff_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(ReminderRule, pk=pk)
    return delete_record(
        request,
        rule,
        services.delete_rule,
        done="correspondence:rules",
        hint=_("Switch it off instead."),
    )
