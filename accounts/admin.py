from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import User


@admin.register(User)
class SecretariatUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    fieldsets = (*UserAdmin.fieldsets, ("Secretariat", {"fields": ("role", "language")}))
    actions = ["force_password_reset"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # The audit trail names people: an account that leaves is deactivated, never deleted.
        return False

    def has_force_reset_permission(self, request) -> bool:
        return request.user.is_isu_staff

    @admin.action(
        description=_("Force a password reset (the password stops working; a link is e-mailed)"),
        permissions=["force_reset"],
    )
    def force_password_reset(self, request, queryset) -> None:
        count = 0
        for user in queryset:
            services.force_password_reset(
                user, by=request.user, domain=request.get_host(), use_https=request.is_secure()
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)s account must choose a new password; the link was e-mailed.",
                "%(count)s accounts must choose a new password; the links were e-mailed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
