"""Every write service names who acts (issue 16, "the audit is explicit"): a public function of
an app's services takes a keyword-only `by`, which it records on the history row it writes
(hok.audit.record_actor; tests/<app>/test_history_names_the_actor.py checks each).

The exceptions are listed here by kind, each with its reason, so that a new service without
`by` fails this test until someone has decided which kind it is. Read from the source with
`ast`, like test_layers.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.hok.test_layers import ROOT, project_packages

# Nobody signed in acts: a visitor by a link or token, or an anonymous respondent or attendee
# (naming anyone would break the anonymity the survey and the notes promise).
VISITOR = {
    "dialogues.services.notes.note_submit",
    "newsletters.services.subscribers.subscriber_subscribe",
    "newsletters.services.subscribers.subscriber_confirm",
    "newsletters.services.subscribers.subscriber_unsubscribe",
    "surveys.services.answering.response_submit",
}
# The person acts on their own data: `user` is the actor.
ONESELF = {
    "accounts.services.account_delete",
    "agreements.services.personal_data.representative_forget",
    "examples.services.contact_person_forget",
    "newsletters.services.subscribers.account_subscribe",
    "newsletters.services.subscribers.account_unsubscribe",
}
# Run by the beat or a worker on what a person asked for earlier (the request names them:
# requested_by, created_by) or by the calendar (retention).
SCHEDULED = {
    "accounts.services.retention_apply",
    "accounts.services.unconfirmed_accounts_delete",
    "agreements.services.personal_data.invitations_expired_delete",
    "dialogues.services.documents.document_render_run",
    "newsletters.services.sending.newsletter_send_some",
    "newsletters.services.sending.newsletters_start_due",
    "reports.services.version_render",
    "surveys.services.invitation_mail.invitations_send_pending",
    "surveys.services.invitation_mail.recover_interrupted",
    "surveys.services.reminders.reminder_round_send",
    "surveys.services.retention.invitation_addresses_delete",
    "surveys.services.submission_pool.flush_after_submit",
    "surveys.services.submission_pool.submissions_flush",
    "surveys.services.submission_pool.vacuum_pool",
}
# The seed and demo content, loaded by a command before anyone exists to act.
SEED = {
    "agreements.services.agreement.agreement_load_seed",
    "dialogues.services.seed.conference_load_seed",
    "hok.services.demo_accounts_ensure",
    "surveys.services.seed.seed_survey_data",
    "surveys.services.seed.survey_load_seed",
}
# Writes nothing: checks and building blocks the services of the same app share.
NO_WRITE = {
    "agreements.services.commitments.commitment_check",
    "agreements.services.documents.pdf_validate",
    "agreements.services.logos.logo_reencode",
    "dialogues.services.notes.note_check_open",
    "newsletters.services.subscribers.normalise_email",
    "surveys.services.invitation_mail.answer_url",
    "surveys.services.invitation_mail.invitation_token",
    "surveys.services.invitation_mail.render_mail",
    "surveys.services.invitation_mail.survey_send_lock",
    "surveys.services.invitations.local_today",
    "surveys.services.invitations.refuse_if_closed",
    "surveys.services.submission_pool.seal",
    "surveys.services.submission_pool.unseal",
}
# A draft agreement version copied in the admin; AgreementVersion keeps no history.
NO_HISTORY = {"agreements.services.agreement.version_copy"}

EXEMPT = VISITOR | ONESELF | SCHEDULED | SEED | NO_WRITE | NO_HISTORY


def service_modules(root: Path) -> Iterator[tuple[str, Path]]:
    for package in project_packages(root):
        single = root / package / "services.py"
        if single.exists():
            yield f"{package}.services", single
        for path in sorted((root / package / "services").glob("*.py")):
            if path.name != "__init__.py":
                yield f"{package}.services.{path.stem}", path


def services_without_by(root: Path) -> set[str]:
    missing = set()
    for module, path in service_modules(root):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                if "by" not in {argument.arg for argument in node.args.kwonlyargs}:
                    missing.add(f"{module}.{node.name}")
    return missing


def test_every_write_service_takes_by_or_is_listed_with_its_reason() -> None:
    assert services_without_by(ROOT) - EXEMPT == set()


def test_the_list_names_only_services_that_exist() -> None:
    """A renamed or removed service leaves no stale exemption behind."""
    assert EXEMPT - services_without_by(ROOT) == set()


def test_a_new_service_without_by_is_found(tmp_path: Path) -> None:
    (tmp_path / "things").mkdir()
    (tmp_path / "things" / "apps.py").write_text("", encoding="utf-8")
    (tmp_path / "things" / "services.py").write_text(
        "def thing_create(*, name):\n    pass\n\n"
        "def thing_delete(*, thing, by):\n    pass\n\n"
        "def _helper(x):\n    pass\n",
        encoding="utf-8",
    )
    assert services_without_by(tmp_path) == {"things.services.thing_create"}
