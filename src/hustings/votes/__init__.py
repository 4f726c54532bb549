"""Member votes run end to end: the membership register, ballots with an eligibility rule
fixed when they open, one-time voting codes, secret papers with receipts, turnout while open,
the count after close by the counting engine (:mod:`hustings.ballots`), and publication of
the anonymised ballots so anyone can recount. State lives in :mod:`hustings.storage`."""

from hustings.votes.ballot import (
    close_ballot,
    create_ballot,
    get_ballot,
    list_ballots,
    open_ballot,
    reissue_codes,
)
from hustings.votes.cast import cast, check_receipt
from hustings.votes.credentials import CredentialMessage, FileOutbox, Sender, read_outbox
from hustings.votes.model import (
    Ballot,
    BallotSpec,
    Candidate,
    Declared,
    Eligibility,
    Kind,
    NotYetError,
    Opened,
    Publication,
    Receipt,
    ReceiptCheck,
    RegisterReport,
    Status,
    Turnout,
    VoteRefusedError,
)
from hustings.votes.register import import_register
from hustings.votes.result import check_published, declare, publish, result, turnout

__all__ = [
    "Ballot",
    "BallotSpec",
    "Candidate",
    "CredentialMessage",
    "Declared",
    "Eligibility",
    "FileOutbox",
    "Kind",
    "NotYetError",
    "Opened",
    "Publication",
    "Receipt",
    "ReceiptCheck",
    "RegisterReport",
    "Sender",
    "Status",
    "Turnout",
    "VoteRefusedError",
    "cast",
    "check_published",
    "check_receipt",
    "close_ballot",
    "create_ballot",
    "declare",
    "get_ballot",
    "import_register",
    "list_ballots",
    "open_ballot",
    "publish",
    "read_outbox",
    "reissue_codes",
    "result",
    "turnout",
]
