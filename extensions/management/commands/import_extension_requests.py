from common.management.base import ImportCommand
from extensions.imports import ExtensionRequestImporter


class Command(ImportCommand):
    help = (
        "Import Article 5 extension requests from CSV with the columns iso3,meeting (22MSP, "
        "5RC),received_on,requested_until and optionally symbol. All or nothing; matched on "
        "iso3 and meeting; each new request is recorded on the State's page (pending)."
    )
    importer_class = ExtensionRequestImporter
