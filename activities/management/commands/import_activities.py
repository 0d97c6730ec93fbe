from activities.imports import ActivityImporter
from common.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import committee activities from CSV with the columns committee,date,end_date,kind,"
        "text,states,actions,articles,visibility (lists separated by ';'). All or nothing; "
        "rows are matched on committee, date and text."
    )
    importer_class = ActivityImporter
