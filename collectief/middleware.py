import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

logger = logging.getLogger("collectief.incidents")
EXPECTED_EXCEPTIONS = (Http404, PermissionDenied)


class IncidentReferenceMiddleware:
    """Give every unhandled error a short reference that the 500 page shows and the log keeps.

    The person can quote the reference to functional management; the traceback stays in the
    server log, never on the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, EXPECTED_EXCEPTIONS):
            return  # a 404 or 403 is an answer, not an incident
        request.incident_reference = uuid.uuid4().hex[:10].upper()
        logger.error(
            "Incident %s on %s %s",
            request.incident_reference,
            request.method,
            request.path,
            exc_info=exception,
        )
