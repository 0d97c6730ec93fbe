import base64
import hashlib
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from activities import demo as activities_demo
from article7 import demo as article7_demo
from committees import demo as committees_demo
from common.changes import batched
from common.models import DemoDataset
from correspondence import demo as correspondence_demo
from documents import demo as documents_demo
from extensions import demo as extensions_demo
from portal import demo as portal_demo
from reporting import demo as reporting_demo
from states_parties import demo as states_demo
from states_parties.models import StateParty

DEMO_PASSWORD = "demo"  # noqa: S105 - printed for newcomers; demo databases only
DEMO_USERS = (
    # username, first name, last name, role, superuser
    ("isu", "Irene", "Staff", "isu_staff", True),
    ("chair", "Carmen", "Chair", "committee", False),
    ("member", "Mamadou", "Member", "committee", False),
    ("observer", "Olga", "Observer", "observer", False),
    ("reporter", "Rithy", "Reporter", "reporter", False),
)
#: Accounts that need a second factor (ISU staff, a committee chair, a State's national
#: reporter) get an authenticator whose secret is public, like the password: demo databases only.
DEMO_SECOND_FACTOR = ("isu", "chair", "reporter")


def demo_totp_key(username: str) -> str:
    """The demo authenticator's secret (hex), the same on every machine."""
    return hashlib.sha256(f"secretariat demo {username}".encode()).hexdigest()[:40]


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
            # The other apps follow the States' dates (expected reports, reminders) once for
            # every State, as after an import, not once per State.
            with batched():
                states_demo.load(rng)
            committees_demo.load(rng)
            reporting_demo.load(rng)
            activities_demo.load(rng)
            documents_demo.load(rng)
            correspondence_demo.load(rng)
            article7_demo.load(rng)
            portal_demo.load(rng)
            # Its requests and decisions move a few States' dates: followed once, at the end.
            with batched():
                extensions_demo.load(rng)
            DemoDataset.objects.create(description="Secretariat demonstration data")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for username, *_rest in DEMO_USERS:
            self.stdout.write(f"  log in as {username!r} with password {DEMO_PASSWORD!r}")
        self.stdout.write(
            "  isu, chair and reporter (Cambodia's national reporter) also confirm a code: on\n"
            "  this demo database the code page shows it;\n"
            "  or add the account to an authenticator app with its secret:"
        )
        for username in DEMO_SECOND_FACTOR:
            secret = base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()
            self.stdout.write(f"    {username}: {secret}")

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
            if username in DEMO_SECOND_FACTOR:
                TOTPDevice.objects.create(
                    user=user, name="demo", key=demo_totp_key(username), confirmed=True
                )
