from common.management.base import ImportCommand
from reporting.imports import Article9Importer


class Command(ImportCommand):
    help = (
        "Import Article 9 records from CSV with the columns iso3,as_of,status,measure,source. "
        "All or nothing; matched on iso3 and as_of."
    )
    importer_class = Article9Importer
