from activities.imports import ActionImporter
from common.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the numbered actions of an action plan from CSV with the columns plan,number,"
        "section,short_title,text. All or nothing; rows are matched on plan and number."
    )
    importer_class = ActionImporter
