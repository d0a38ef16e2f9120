"""The generations (hok/generations.py) of the agreements app's public data.

AGREEMENT: the agreement's text, versions, principles and goals. Bumped by
  services.agreement: agreement_load_seed, version_adopt, version_copy.
SIGNATORIES: who has signed and what they show: organisations, signatures, commitments,
  progress reports and documents. Bumped by services.signatures: signature_approve,
  signature_withdraw; services.organisations: organisation_update; services.commitments:
  commitment_create, commitment_update, commitment_delete, progress_report;
  services.documents: document_upload, document_delete; and, from the floors above, the
  examples app's services (the published examples on those pages, see examples/generations.py).
PROPOSALS: revision proposals as the public sees them (list, page, the proposals a version took
  in, those a conference answers or made): their status, answer, supports and comments, and
  the names of the organisations behind them. Bumped by services.proposals (every write,
  proposals_take_into included); services.organisations: organisation_update; and, from the
  floors above, dialogues' conference_update (a proposal's page names its conference).
"""

AGREEMENT = "agreement"
SIGNATORIES = "signatories"
PROPOSALS = "proposals"
