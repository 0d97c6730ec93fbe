from common.management.base import ImportCommand
from extensions.imports import ExtensionDecisionImporter


class Command(ImportCommand):
    help = (
        "Import the Meetings' decisions on Article 5 extension requests from CSV with the "
        "columns iso3,meeting,decided_on,granted (true/false) and optionally new_deadline, "
        "text and requests (“2027-04-30 An updated work plan; …”). All or nothing; the request "
        "must be recorded; a granted one moves the State's current deadline."
    )
    importer_class = ExtensionDecisionImporter
