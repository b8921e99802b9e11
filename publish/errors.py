"""The publishing errors; only the command line turns them into exit codes.

PublishError
├── ConfigError        the publishing configuration is invalid
├── ManifestError      the build's manifest is missing or unreadable
├── LedgerError        the ledger is missing, corrupt or from a newer version (fails closed)
├── LockError          another publication is running
├── DeployError        the site could not be put online
├── SafetyValveError   more items than allowed in one run
├── SynthesisError     the press synthesis cannot run: its sources list has problems, its notes
│                      database is damaged or newer, a note or a synthesis asked for does not exist
└── ChannelError       one delivery failed: retryable, permanent, or ambiguous (it may have gone
                       out: recorded as `unknown`, never blindly resent)
"""

from __future__ import annotations


class PublishError(Exception):
    """Base of every error reported to the people who publish."""


class ConfigError(PublishError):
    pass


class ManifestError(PublishError):
    pass


class LedgerError(PublishError):
    pass


class LockError(PublishError):
    pass


class DeployError(PublishError):
    pass


class SafetyValveError(PublishError):
    pass


class SynthesisError(PublishError):
    pass


class ChannelError(PublishError):
    """`retry_after`: seconds the service asked to wait (HTTP 429), when it said."""

    def __init__(
        self, message: str, *, retryable: bool, ambiguous: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.ambiguous = ambiguous
        self.retry_after = retry_after
