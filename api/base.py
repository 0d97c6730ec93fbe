"""What every endpoint shares: writes through the app's service, after the model's own rules.

A serializer names its service in ``save_record``; the model's ``full_clean`` (``clean()``,
field validators, constraints) runs first and its errors come back as field errors, so the API
refuses exactly what the forms refuse."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets


class ServiceSerializer(serializers.ModelSerializer):
    #: Many-to-many fields handed to the service rather than set on the instance.
    service_m2m: tuple[str, ...] = ()

    def to_internal_value(self, data):
        """JSON types as the schema says: no number for a text, no object for a list (DRF
        would quietly turn 0 into "0" and read the keys of an object as a list)."""
        if isinstance(data, dict):
            errors = {
                name: messages
                for name, field in self.fields.items()
                if not field.read_only and name in data
                for messages in [_type_errors(field, data[name])]
                if messages
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        return self._write(self.Meta.model(), validated_data)

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        return self._write(instance, validated_data)

    def _write(self, instance: models.Model, data: dict[str, Any]) -> models.Model:
        related = {name: data.pop(name) for name in self.service_m2m if name in data}
        for name, value in data.items():
            setattr(instance, name, value)
        try:
            self.full_clean(instance)
            return self.save_record(instance, **related)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error

    def full_clean(self, instance: models.Model) -> None:
        instance.full_clean()

    def save_record(self, instance: models.Model, **related: Any) -> models.Model:
        raise NotImplementedError


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_contains_nul(key) or _contains_nul(item) for key, item in value.items())
    return False


def _type_errors(field: serializers.Field, value: Any) -> list[str]:
    if value is None:
        return []
    if _contains_nul(value):
        # PostgreSQL refuses NUL in text: a slug or a code with one would fail its lookup with
        # a server error (DRF's CharField says the same; its related fields do not).
        return [str(_("Null characters are not allowed."))]
    if isinstance(field, serializers.ListField | serializers.ManyRelatedField):
        if not isinstance(value, list):
            return [str(_("Expected a list of items."))]
        child = getattr(field, "child", None)
        if isinstance(child, serializers.CharField) and any(
            not isinstance(item, str) for item in value
        ):
            return [str(_("Every item must be a text."))]
        return []
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return [str(_("Expected a text."))]
    return []


@extend_schema_field(OpenApiTypes.URI)
class WebPageField(serializers.Field):
    """The record's page in the web application (``get_absolute_url``), as an absolute URL."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: models.Model) -> str:
        request = self.context.get("request")
        url = value.get_absolute_url()
        return request.build_absolute_uri(url) if request is not None else url


class ServiceViewSet(viewsets.ModelViewSet):
    """List, read, create, update and delete; deleting goes through ``delete_record`` (the app's
    service, which refuses a record others refer to: 409)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def perform_create(self, serializer) -> None:
        serializer.save()
        self._reread(serializer)

    def perform_update(self, serializer) -> None:
        serializer.save()
        self._reread(serializer)

    def _reread(self, serializer) -> None:
        """Answer with the record as the list shows it (annotations such as ``status``)."""
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance: models.Model) -> None:
        self.delete_record(instance)

    def delete_record(self, instance: models.Model) -> None:
        raise NotImplementedError


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    pass


class CreateReadDeleteViewSet(
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    def perform_destroy(self, instance: models.Model) -> None:
        self.delete_record(instance)

    def delete_record(self, instance: models.Model) -> None:
        raise NotImplementedError
