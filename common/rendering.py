"""What a view hands its template is read already: no query runs while a template renders
(``tests/security/test_rendering_queries.py``). Querysets become lists in the view, where their
cost is visible and their prefetching applies, and choice fields list their choices once."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core import paginator


class Paginator(paginator.Paginator):
    """Django's paginator whose pages hold a list of their rows, read when the page is made."""

    def _get_page(self, object_list: Any, number: int, paginator: Any) -> paginator.Page:
        return super()._get_page(list(object_list), number, paginator)


def resolve_choices(form: forms.BaseForm) -> forms.BaseForm:
    """Read the choices of ``form``'s model choice fields now (one query each) rather than
    while its template renders; validation still checks the submitted value against the
    queryset."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            # Set as the ``choices`` setter would, without django-filter's wrapping of it.
            # ``iter`` first: ``list`` would ask the iterator its length, a COUNT query.
            field._choices = field.widget.choices = list(iter(field.choices))
    return form


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose form is made with the FilterSet, in the view, its choices read."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form  # noqa: B018 - made now, not while the page renders

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            resolve_choices(super().form)
        return self._form
