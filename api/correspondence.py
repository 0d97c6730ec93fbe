"""Letters to States Parties (read only) and the States' replies (ISU staff record them).

Letters are internal records: ISU staff read every letter, committee members the letters of
their own committees (``Letter.objects.visible_to``), observers none (403, as on the pages).
A reply is read by whoever reads its letter. ISU staff write drafts through the API; approval
(by a second person where needed) and sending stay in the application, where the approval page
shows sample copies and the merge-field check; the outbox, the planned reminders and the
contacts' addresses are not part of the API."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, serializers

from committees.models import Committee
from common.lookups import any_contains
from correspondence import services
from correspondence.models import Letter, LetterRecipient, Reply
from reporting.models import Audience
from states_parties.models import Contact, StateParty

from .base import ReadOnlyViewSet, ServiceSerializer, ServiceViewSet, WebPageField
from .filters import ApiFilterSet, IntegerFilter
from .permissions import CorrespondenceReaders


class RecipientsField(serializers.ListField):
    """The States a sent letter went to (ISO 3166 alpha-3), fixed when it was sent."""

    child = serializers.CharField()

    def to_representation(self, recipients) -> list[str]:
        return [recipient.state.iso3 for recipient in recipients.all()]


class LetterSerializer(ServiceSerializer):
    """A letter; ISU staff write drafts (approval, by a second person where needed, and sending
    stay in the application). The texts follow the rules of every merge text: only merge fields
    the letter's audience can fill, ``if``, and a few filters (see ``correspondence.merge``)."""

    reference = serializers.CharField(read_only=True, help_text="E.g. CCC/2026/12.")
    committee = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Committee.objects.all(),
        allow_null=True,
        required=False,
        help_text="The sending committee; null for a letter of the ISU.",
    )
    audience = serializers.PrimaryKeyRelatedField(
        queryset=Audience.objects.all(), allow_null=True, required=False
    )
    states = serializers.SlugRelatedField(
        slug_field="iso3", queryset=StateParty.objects.all(), many=True, required=False
    )
    follow_up_of = serializers.PrimaryKeyRelatedField(
        queryset=Letter.objects.filter(status=Letter.Status.SENT),
        allow_null=True,
        required=False,
    )
    contact_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Contact.Kind.choices),
        required=False,
        help_text="The kinds of contact who receive it; empty: every active contact.",
    )
    recipients = RecipientsField(read_only=True)
    web_url = WebPageField()

    class Meta:
        model = Letter
        fields = [
            "id",
            "reference",
            "title",
            "committee",
            "status",
            "version",
            "addressees",
            "audience",
            "states",
            "follow_up_of",
            "contact_kinds",
            "reply_due",
            "subject_en",
            "body_en",
            "subject_fr",
            "body_fr",
            "subject_es",
            "body_es",
            "created_at",
            "approved_at",
            "sent_at",
            "recipients",
            "web_url",
        ]
        read_only_fields = ["status", "version", "created_at", "approved_at", "sent_at"]

    service_m2m = ("states",)

    def validate(self, attrs: dict) -> dict:
        """As the form: States only for a letter to States picked by hand, and then some."""
        addressees = attrs.get("addressees", getattr(self.instance, "addressees", None))
        if "states" in attrs:
            states = attrs["states"]
        else:
            states = list(self.instance.states.all()) if self.instance else []
        if addressees == Letter.Addressees.HAND_PICKED and not states:
            raise serializers.ValidationError({"states": [_("Pick at least one State.")]})
        if addressees != Letter.Addressees.HAND_PICKED and states:
            raise serializers.ValidationError(
                {"states": [_("Pick States only for a letter to States picked by hand.")]}
            )
        return attrs

    def full_clean(self, instance: Letter) -> None:
        if instance.pk is None:
            instance.created_by = self.context["request"].user
        instance.full_clean()

    def save_record(self, instance: Letter, states=None, **related) -> Letter:
        if states is None and instance.pk:
            states = list(instance.states.all())
        return services.save_letter(instance, states, self.context["request"].user)


class LetterFilter(ApiFilterSet):
    q = django_filters.CharFilter(method="search", label="Title or subject contains")
    committee = django_filters.CharFilter(field_name="committee__code", lookup_expr="iexact")
    status = django_filters.ChoiceFilter(choices=Letter.Status.choices)
    sent_after = django_filters.DateFilter(field_name="sent_at__date", lookup_expr="gte")
    sent_before = django_filters.DateFilter(field_name="sent_at__date", lookup_expr="lte")

    class Meta:
        model = Letter
        fields = ["q", "committee", "status", "sent_after", "sent_before"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            any_contains(["title", "subject_en", "subject_fr", "subject_es"], value)
        )


class LetterViewSet(ServiceViewSet):
    """Letters of the committees and the ISU to States Parties, with their text in each
    language and, once sent, the States they went to. ISU staff write and change drafts here
    (a changed letter goes back to draft, one version on); a sent letter cannot be changed."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_classes = [CorrespondenceReaders]
    serializer_class = LetterSerializer
    filterset_class = LetterFilter

    def get_queryset(self):
        return (
            Letter.objects.visible_to(self.request.user)
            .select_related("committee")
            .prefetch_related(
                "states",
                Prefetch(
                    "recipients",
                    queryset=LetterRecipient.objects.select_related("state").order_by(
                        "state__name"
                    ),
                ),
            )
            .order_by("-created_at", "-pk")
        )


class ReplySerializer(ServiceSerializer):
    letter = serializers.IntegerField(
        source="recipient.letter_id",
        min_value=1,
        max_value=2**63 - 1,
        help_text="The letter that was answered.",
    )
    state = serializers.CharField(
        source="recipient.state.iso3", max_length=3, help_text="ISO 3166 alpha-3."
    )
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = Reply
        fields = ["id", "letter", "state", "received_on", "summary", "has_attachment"]

    def get_has_attachment(self, reply: Reply) -> bool:
        return bool(reply.attachment)

    def validate(self, attrs: dict) -> dict:
        """The letter and the State name one recipient of a letter that was sent."""
        named = attrs.pop("recipient")
        recipient = (
            LetterRecipient.objects.filter(
                letter=named["letter_id"],
                letter__status=Letter.Status.SENT,
                state__iso3=named["state"]["iso3"].upper(),
            )
            .select_related("letter", "state")
            .first()
        )
        if recipient is None:
            raise serializers.ValidationError(
                {"state": [_("The letter was not sent to this State.")]}
            )
        attrs["recipient"] = recipient
        return attrs

    def full_clean(self, instance: Reply) -> None:
        if instance.pk is None:
            instance.recorded_by = self.context["request"].user
        instance.full_clean()

    def save_record(self, instance: Reply, **related) -> Reply:
        return services.record_reply(instance, self.context["request"].user)


class ReplyFilter(ApiFilterSet):
    letter = IntegerFilter(field_name="recipient__letter", label="Letter id")
    state = django_filters.CharFilter(
        field_name="recipient__state__iso3", lookup_expr="iexact", label="State (ISO alpha-3)"
    )
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Reply
        fields = ["letter", "state", "received_after", "received_before"]


class ReplyViewSet(mixins.CreateModelMixin, ReadOnlyViewSet):
    """States' replies to letters, as the ISU recorded them (the attachment itself stays in
    the application). ISU staff record a reply of a State the letter was sent to; reminders
    about that letter then stop for the State."""

    permission_classes = [CorrespondenceReaders]
    serializer_class = ReplySerializer
    filterset_class = ReplyFilter

    def get_queryset(self):
        return (
            Reply.objects.visible_to(self.request.user)
            .select_related("recipient__state")
            .order_by("-received_on", "-pk")
        )
