from activities.imports import PriorityImporter
from common.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import committee priorities from CSV with the columns committee,period,text,actions,"
        "articles (lists separated by ';'). All or nothing; rows are matched on committee, "
        "period and text."
    )
    importer_class = PriorityImporter
