"""Tokens sent in links (survey and organisation invitations): only their hash is stored, so the
database alone opens nothing."""

import hashlib


def token_hash(token: str) -> str:
    """The hash stored beside the row a token opens (`token_hash`): SHA-256 hex of the token."""
    return hashlib.sha256(token.encode()).hexdigest()
