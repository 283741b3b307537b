"""Create the first administrator from the environment, once.

Django's own ``createsuperuser --noinput`` reads the same variables but fails when the user
exists, so a container's init step could not run it on every start. This command is safe to
run again: an existing user is left exactly as it is (its password is never reset).
"""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

USERNAME_VARIABLE = "DJANGO_SUPERUSER_USERNAME"
PASSWORD_VARIABLE = "DJANGO_SUPERUSER_PASSWORD"
EMAIL_VARIABLE = "DJANGO_SUPERUSER_EMAIL"


class Command(BaseCommand):
    help = (
        f"Create a superuser from {USERNAME_VARIABLE}, {PASSWORD_VARIABLE} and "
        f"{EMAIL_VARIABLE} unless that user exists; without {USERNAME_VARIABLE}, do nothing."
    )

    def handle(self, *args, **options):
        username = os.environ.get(USERNAME_VARIABLE, "").strip()
        if not username:
            self.stdout.write(f"{USERNAME_VARIABLE} is not set: no first admin created.")
            return
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"User {username!r} exists: left unchanged.")
            return
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"Set {PASSWORD_VARIABLE} to create the first admin {username!r}.")
        candidate = user_model(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError(f"{PASSWORD_VARIABLE}: {' '.join(error.messages)}") from error
        with transaction.atomic():
            user_model.objects.create_superuser(
                username=username, email=os.environ.get(EMAIL_VARIABLE, ""), password=password
            )
        self.stdout.write(self.style.SUCCESS(f"First admin {username!r} created."))
