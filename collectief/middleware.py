import logging
import uuid

logger = logging.getLogger("collectief.incidents")


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
        request.incident_reference = uuid.uuid4().hex[:10].upper()
        logger.error(
            "Incident %s on %s %s",
            request.incident_reference,
            request.method,
            request.path,
            exc_info=exception,
        )
