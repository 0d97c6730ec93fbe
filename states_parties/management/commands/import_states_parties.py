from common.management.base import ImportCommand
from states_parties.imports import StatePartyImporter


class Command(ImportCommand):
    help = (
        "Import States from CSV with the columns iso3,name,signature_date,instrument,"
        "deposit_date,withdrawal_deposit_date,withdrawal_suspended (and optionally "
        "regional_group). All or nothing; rows are matched on iso3."
    )
    importer_class = StatePartyImporter
