from common.management.base import ImportCommand
from reporting.imports import SubmissionImporter


class Command(ImportCommand):
    help = (
        "Import past Article 7 reports from CSV with the columns iso3,kind,year,received_on "
        "(required) and forms,nothing_new,languages,link,visibility,mines_retained,"
        "stockpile_remaining,mined_area_remaining. All or nothing; matched on iso3, kind, year."
    )
    importer_class = SubmissionImporter
