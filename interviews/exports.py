"""The conversation export: one table for the download view and for the background job.

A team's export at city scale takes seconds, so a person can also have it made in the
background (ExportJob, run by the `interviews.run_export` task): the page shows its progress
and, when done, a download link that works for that person only, for a day.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.exports import tabular_content
from interviews.models import Answer, Conversation, ExportJob

# A job writes its progress after this many conversations (one small UPDATE each time).
PROGRESS_EVERY = 200


def conversation_table(team, round_=None, *, named=False):
    """(headers, conversations, rows(conversations), filename stem) of a team's conversations
    and answers, of one round when given; residents by name only when `named`."""
    conversations = (
        Conversation.objects.filter(round__team=team)
        .select_related("round", "resident", "neighbourhood")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question__theme")),
            "referrals",
        )
        .order_by("round__number", "held_on", "pk")
    )
    if round_ is not None:
        conversations = conversations.filter(round=round_)
    headers = [
        _("Round"),
        _("Date"),
        _("Neighbourhood"),
        _("Kind of place"),
        _("Resident"),
        _("Known as client"),
        _("Theme"),
        _("Question"),
        _("Answer"),
        _("Referrals"),
    ]
    if named:
        headers.append(_("Notes"))

    def rows(items):
        for conversation in items:
            resident = conversation.resident
            who = resident.name if named else resident.pseudonym
            base = [
                conversation.round.number,
                conversation.held_on,
                conversation.neighbourhood.name,
                conversation.get_place_kind_display(),
                who,
                _("yes") if resident.known_as_client else _("no"),
            ]
            referrals = len(conversation.referrals.all())
            answers = list(conversation.answers.all()) or [None]
            for answer in answers:
                row = base + (
                    [answer.question.theme.title, answer.question.text, answer.value]
                    if answer
                    else ["", "", ""]
                )
                row.append(referrals)
                if named:
                    row.append(conversation.notes)
                yield row

    filename = f"gesprekken-{team.pk}" + ("-met-namen" if named else "-anoniem")
    return headers, conversations, rows, filename


def named_resident_keys(conversations):
    """The keys of the residents an export of `conversations` names (for the access log)."""
    return list(conversations.values_list("resident__uuid", flat=True).distinct().order_by())


def export_job_start(*, requester, team, round_=None, named=False, file_format="xlsx"):
    """A new ExportJob, handed to a worker once the row is committed."""
    from interviews.tasks import run_export

    job = ExportJob.objects.create(
        requester=requester, team=team, round=round_, named=named, file_format=file_format
    )
    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def export_job_run(job_id):
    """Make the file of a waiting or interrupted job; its progress is saved on the way, and a
    failure is shown on its page (and raised, for the worker's log)."""
    try:
        _make_export(job_id)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
        raise


def _make_export(job_id):
    job = ExportJob.objects.select_related("team", "round").filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return  # deleted meanwhile, or made by an earlier delivery of this task
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=0)
    headers, conversations, rows, filename = conversation_table(
        job.team, job.round, named=job.named
    )
    total = conversations.count() or 1

    def counted(items):
        for done, conversation in enumerate(items, start=1):
            if done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=job.pk).update(progress=done * 100 // total)
            yield conversation

    content, _content_type = tabular_content(
        headers,
        rows(counted(conversations.iterator(chunk_size=PROGRESS_EVERY))),
        job.file_format,
        sheet_title=_("Conversations"),
    )
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        progress=100,
        content=content,
        filename=f"{filename}.{job.file_format}",
        resident_keys=[str(key) for key in named_resident_keys(conversations)] if job.named else [],
        finished_at=timezone.now(),
    )


def delete_expired_exports(now=None):
    """Delete the background exports older than COLLECTIEF_EXPORT_KEEP_HOURS; their count."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.COLLECTIEF_EXPORT_KEEP_HOURS)
    deleted, _per_model = ExportJob.objects.filter(created_at__lt=cutoff).delete()
    return deleted
