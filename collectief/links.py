"""Links written many times on one page."""

import uuid

from django.urls import reverse

_PLACEHOLDER = str(uuid.UUID(int=0))


def uuid_link_maker(viewname):
    """A function giving the URL of `viewname` for a UUID, its one argument (a conversation's,
    an initiative's). Django's reverse() walks the resolver for each link, about 25 calls; a
    list of fifty rows reverses once and fills in each UUID, which needs no quoting."""
    before, after = reverse(viewname, args=[_PLACEHOLDER]).split(_PLACEHOLDER)
    return lambda value: f"{before}{value}{after}"
