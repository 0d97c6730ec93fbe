import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from committees import demo as committees_demo
from common.models import DemoDataset
from states_parties import demo as states_demo
from states_parties.models import StateParty

DEMO_PASSWORD = "demo"  # noqa: S105 - printed for newcomers; demo databases only
DEMO_USERS = (
    # username, first name, last name, role, superuser
    ("isu", "Irene", "Staff", "isu_staff", True),
    ("chair", "Carmen", "Chair", "committee", False),
    ("member", "Mamadou", "Member", "committee", False),
    ("observer", "Olga", "Observer", "observer", False),
)


class Command(BaseCommand):
    help = (
        "Load deterministic demonstration data (real names of States Parties, illustrative "
        "records) into an empty database. Every page then shows a demo banner."
    )

    def handle(self, *args, **options):
        if DemoDataset.objects.exists():
            self.stdout.write("Demo data is already loaded.")
            return
        if StateParty.objects.exists():
            raise CommandError(
                "This database already holds States; demo data is loaded only into an empty "
                "database, so that it can never mix with real records."
            )
        with transaction.atomic():
            rng = random.Random(1997)  # the year the Convention was adopted; any fixed seed
            self._load_users()
            states_demo.load(rng)
            committees_demo.load(rng)
            DemoDataset.objects.create(description="Secretariat demonstration data")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for username, *_rest in DEMO_USERS:
            self.stdout.write(f"  log in as {username!r} with password {DEMO_PASSWORD!r}")

    def _load_users(self) -> None:
        User = get_user_model()
        for username, first_name, last_name, role, superuser in DEMO_USERS:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@secretariat.example",
                role=role,
                is_superuser=superuser,
                is_staff=superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
