"""Who may call the API: the same rules as the pages, from ``accounts.permissions``."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.permissions import (
    can_edit_records,
    can_read_correspondence,
    can_see_compliance_matters,
    can_see_contacts,
    is_reporter,
)


class ReadersReadStaffWrite(BasePermission):
    """Every logged-in user reads what the queryset lets them see; ISU staff also write."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        # States' national reporters work in the portal's pages only, never through the API.
        if is_reporter(user):
            return False
        return request.method in SAFE_METHODS or can_edit_records(user)


class NotForObservers(ReadersReadStaffWrite):
    """Records that are not public (contacts, audiences): ISU staff and committee members."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and can_see_contacts(request.user)


class ComplianceReaders(ReadersReadStaffWrite):
    """Compliance matters: ISU staff and the Committee on Cooperative Compliance only."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and can_see_compliance_matters(request.user)


class CorrespondenceReaders(ReadersReadStaffWrite):
    """Letters and replies: ISU staff and committee members (each reads the letters of their
    own committees, as the queryset says), never observers."""

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and can_read_correspondence(request.user)
