from committees.imports import MembershipImporter
from common.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import committee memberships from CSV with the columns committee,iso3,"
        "term_start_meeting,term_end_meeting,chair_years,gender_focal_point_years (meetings as "
        "22MSP or 5RC, years as 2025;2026). All or nothing; checked against every rule of "
        "composition before anything is saved."
    )
    importer_class = MembershipImporter
