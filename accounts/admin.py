from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class SecretariatUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    fieldsets = (*UserAdmin.fieldsets, ("Secretariat", {"fields": ("role", "language")}))

    def has_delete_permission(self, request, obj=None) -> bool:
        # The audit trail names people: an account that leaves is deactivated, never deleted.
        return False
