import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Create a local admin account for the demo and print its password once. "
        "Does nothing if the account exists; refused in production mode."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin", help="account name (admin)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo accounts are not created in production mode")
        user_model = get_user_model()
        username = options["username"]
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"admin account {username!r} exists; password unchanged")
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username, password=password, email=""
        )
        self.stdout.write(
            f"admin login: http://127.0.0.1:8000/admin/  user {username}  "
            f"password {password}  (shown once)"
        )
