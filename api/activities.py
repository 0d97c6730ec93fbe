"""Action plans and their actions, the committees' activities and priorities, and the
confidential compliance matters.

Every list reads through the model's ``visible_to(user)``: an activity at the internal level is
read by its own committee's members, a confidential one (an engagement on a compliance matter)
by the Committee on Cooperative Compliance, and compliance matters by that committee and ISU
staff only (others are refused with 403, as on the pages)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from rest_framework import serializers

from accounts.permissions import can_see_compliance_matters
from activities import services
from activities.models import Action, ActionPlan, Activity, Article, ComplianceMatter, Priority
from committees.models import Committee, Meeting
from common.lookups import any_contains, contains
from common.services import delete_unreferenced
from common.visibility import Visibility
from states_parties.models import StateParty

from .base import ServiceSerializer, ServiceViewSet, WebPageField
from .filters import ApiFilterSet, IntegerFilter
from .permissions import ComplianceReaders

# --- action plans and actions ---------------------------------------------------------------


class PlanActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = ["id", "number", "section", "short_title", "text"]


class ActionPlanSerializer(ServiceSerializer):
    adopted_at = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.filter(kind=Meeting.Kind.REVIEW_CONFERENCE),
        allow_null=True,
        required=False,
        help_text="The Review Conference that adopted the plan.",
    )
    actions = PlanActionSerializer(many=True, read_only=True)
    web_url = WebPageField()

    class Meta:
        model = ActionPlan
        fields = ["code", "name", "start_year", "end_year", "adopted_at", "actions", "web_url"]

    def save_record(self, instance: ActionPlan, **related) -> ActionPlan:
        return services.save_action_plan(instance)


class ActionPlanFilter(ApiFilterSet):
    year = IntegerFilter(method="filter_year", label="Covering this year", min_value=1)

    class Meta:
        model = ActionPlan
        fields = ["year"]

    def filter_year(self, queryset, name, value):
        return queryset.covering(value)


class ActionPlanViewSet(ServiceViewSet):
    """The five-year action plans adopted by Review Conferences, each with its numbered actions
    (public). ``code`` identifies a plan; a plan with actions cannot be deleted (409)."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]{1,20}"
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilter

    def get_queryset(self):
        return (
            ActionPlan.objects.visible_to(self.request.user)
            .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("number")))
            .order_by("-start_year", "code")
        )

    def get_object(self):
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def delete_record(self, instance: ActionPlan) -> None:
        delete_unreferenced(instance)


class ActionSerializer(ServiceSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", queryset=ActionPlan.objects.all())
    reference = serializers.CharField(read_only=True, help_text="E.g. SRAAP 48.")

    class Meta:
        model = Action
        fields = ["id", "plan", "number", "reference", "section", "short_title", "text"]
        validators: list = []  # the model's constraint, checked by full_clean, says it better

    def save_record(self, instance: Action, **related) -> Action:
        return services.save_action(instance)


class ActionFilter(ApiFilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", lookup_expr="iexact")

    class Meta:
        model = Action
        fields = ["plan", "number"]


class ActionViewSet(ServiceViewSet):
    """The numbered actions of the plans, as activities and priorities cite them (public)."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        return (
            Action.objects.visible_to(self.request.user)
            .select_related("plan")
            .order_by("-plan__start_year", "plan__code", "number", "pk")
        )

    def delete_record(self, instance: Action) -> None:
        services.delete_action(instance)


# --- activities --------------------------------------------------------------------------------


class ActivitySerializer(ServiceSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", queryset=Committee.objects.all())
    states = serializers.SlugRelatedField(
        slug_field="iso3", queryset=StateParty.objects.all(), many=True, required=False
    )
    actions = serializers.PrimaryKeyRelatedField(
        queryset=Action.objects.all(), many=True, required=False
    )
    articles = serializers.SlugRelatedField(
        slug_field="number", queryset=Article.objects.all(), many=True, required=False
    )
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(), allow_null=True, required=False
    )
    compliance_matter = serializers.PrimaryKeyRelatedField(
        queryset=ComplianceMatter.objects.all(),
        allow_null=True,
        required=False,
        help_text="Only for ISU staff and the Committee on Cooperative Compliance.",
    )
    web_url = WebPageField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "committee",
            "date",
            "end_date",
            "kind",
            "text",
            "text_fr",
            "text_es",
            "visibility",
            "states",
            "actions",
            "articles",
            "meeting",
            "compliance_matter",
            "created_at",
            "web_url",
        ]

    service_m2m = ("states", "actions", "articles")

    def to_representation(self, instance: Activity) -> dict:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not (request and can_see_compliance_matters(request.user)):
            data["compliance_matter"] = None
        return data

    def save_record(
        self, instance: Activity, states=None, actions=None, articles=None, **related
    ) -> Activity:
        request = self.context.get("request")
        return services.save_activity(
            instance,
            states=states,
            actions=actions,
            articles=articles,
            user=request.user if request else None,
        )


class ActivityFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="The paragraph contains")
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    kind = django_filters.MultipleChoiceFilter(choices=Activity.Kind.choices)
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices)
    state = django_filters.CharFilter(
        field_name="states__iso3", lookup_expr="iexact", label="State (ISO 3166 alpha-3)"
    )
    article = IntegerFilter(field_name="articles__number", label="Article number")
    action = IntegerFilter(field_name="actions", label="Action id")
    after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Activity
        fields = [
            "q",
            "committee",
            "kind",
            "visibility",
            "state",
            "article",
            "action",
            "after",
            "before",
        ]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("text", value)) if value else queryset

    def filter_queryset(self, queryset):
        # Filtering on a many-to-many link could repeat an activity.
        return super().filter_queryset(queryset).distinct()


class ActivityViewSet(ServiceViewSet):
    """The committees' activity log, each activity at its visibility level: public, for States
    Parties, internal to its committee, or confidential (compliance engagements)."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).with_links().order_by("-date", "-pk")

    def delete_record(self, instance: Activity) -> None:
        services.delete_activity(instance)


# --- priorities --------------------------------------------------------------------------------


class PrioritySerializer(ServiceSerializer):
    committee = serializers.SlugRelatedField(slug_field="code", queryset=Committee.objects.all())
    actions = serializers.PrimaryKeyRelatedField(
        queryset=Action.objects.all(), many=True, required=False
    )
    articles = serializers.SlugRelatedField(
        slug_field="number", queryset=Article.objects.all(), many=True, required=False
    )

    class Meta:
        model = Priority
        fields = [
            "id",
            "committee",
            "period",
            "position",
            "text",
            "text_fr",
            "text_es",
            "actions",
            "articles",
        ]
        read_only_fields = ["position"]

    service_m2m = ("actions", "articles")

    def save_record(self, instance: Priority, actions=None, articles=None, **related) -> Priority:
        return services.save_priority(instance, actions=actions, articles=articles)


class PriorityFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="The paragraph contains")
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    period = django_filters.CharFilter(label="Period, e.g. 2025-2026")
    article = IntegerFilter(field_name="articles__number", label="Article number")

    class Meta:
        model = Priority
        fields = ["q", "committee", "period", "article"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(contains("text", value)) if value else queryset

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class PriorityViewSet(ServiceViewSet):
    """What each committee means to do in a period, in the order its documents print them
    (public). A new priority goes at the end of its committee's list for the period."""

    serializer_class = PrioritySerializer
    filterset_class = PriorityFilter

    def get_queryset(self):
        return (
            Priority.objects.visible_to(self.request.user)
            .with_links()
            .order_by("committee__display_order", "-period", "position", "pk")
        )

    def delete_record(self, instance: Priority) -> None:
        services.delete_priority(instance)


# --- compliance matters ------------------------------------------------------------------------


class ComplianceMatterSerializer(ServiceSerializer):
    states = serializers.SlugRelatedField(
        slug_field="iso3", queryset=StateParty.objects.all(), many=True
    )
    web_url = WebPageField()

    class Meta:
        model = ComplianceMatter
        fields = [
            "id",
            "title",
            "kind",
            "states",
            "opened_on",
            "status",
            "closed_on",
            "summary",
            "web_url",
        ]

    service_m2m = ("states",)

    def save_record(self, instance: ComplianceMatter, states=None, **related) -> ComplianceMatter:
        return services.save_compliance_matter(instance, states)


class ComplianceMatterFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="Title or summary contains")
    state = django_filters.CharFilter(
        field_name="states__iso3", lookup_expr="iexact", label="State (ISO 3166 alpha-3)"
    )

    class Meta:
        model = ComplianceMatter
        fields = ["q", "kind", "status", "state"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(any_contains(["title", "summary"], value))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class ComplianceMatterViewSet(ServiceViewSet):
    """Compliance concerns under Article 1 handled cooperatively (Art. 8.1): confidential, for
    ISU staff and the Committee on Cooperative Compliance only (403 for everyone else)."""

    permission_classes = [ComplianceReaders]
    serializer_class = ComplianceMatterSerializer
    filterset_class = ComplianceMatterFilter

    def get_queryset(self):
        return (
            ComplianceMatter.objects.visible_to(self.request.user)
            .prefetch_related(Prefetch("states", queryset=StateParty.objects.order_by("name")))
            .order_by("-opened_on", "-pk")
        )

    def delete_record(self, instance: ComplianceMatter) -> None:
        services.delete_compliance_matter(instance)
