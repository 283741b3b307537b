"""Optimistic locking: two people editing the same object never overwrite each other silently.

A model gets ``version = models.PositiveIntegerField(default=0)``; its edit form mixes in
``VersionedFormMixin``, which carries the version the person started from in a hidden field.
``save_versioned`` then updates only if nobody saved in between; otherwise it raises
``EditConflict`` and the view shows the form again, with the person's input kept.
"""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    pass


CONFLICT_MESSAGE = _(
    "Someone else saved this in the meantime. Your text is kept below: compare it with the "
    "current version (open it in a new tab), then save again."
)


class VersionedFormMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["version"] = instance.version


def save_versioned(instance, expected_version, **extra_fields):
    """Save `instance` if its stored version is still `expected_version`; bump the version.

    Raises EditConflict when another save came first. Call inside transaction.atomic.
    """
    model = type(instance)
    if instance.pk is None:
        instance.save()
        return instance
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not updated:
        raise EditConflict
    instance.version = (expected_version or 0) + 1
    instance.save()
    return instance
