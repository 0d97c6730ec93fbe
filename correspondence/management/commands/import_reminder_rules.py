from common.management.base import ImportCommand
from correspondence.imports import ReminderRuleImporter


class Command(ImportCommand):
    help = (
        "Import reminder rules from CSV with the columns name,anchor,days_before,days_after,"
        "send_time,audience,committee,letter,contact_kinds,effective_from,active,subject_en,"
        "body_en,subject_fr,body_fr,subject_es,body_es (all but name and anchor optional). "
        "All or nothing; rules are matched on their name. Texts may use only the merge fields "
        "the anchor and audience fill, if, and the filters capfirst, default, lower, title and "
        "upper."
    )
    importer_class = ReminderRuleImporter
