from committees.imports import MeetingImporter
from common.management.base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import meetings from CSV with the columns kind,number,title,start_date,end_date,venue,"
        "president_iso3 (and optionally committee). All or nothing; formal meetings are matched "
        "on kind and number."
    )
    importer_class = MeetingImporter
