"""Who is calling: signature and nonce checks, the IP allow-list and key permissions."""

from bitexbit_emulator.security.authenticator import AuthenticatedKey, Authenticator
from bitexbit_emulator.security.headers import AuthHeaderNames, AuthHeaders

__all__ = ["AuthHeaderNames", "AuthHeaders", "AuthenticatedKey", "Authenticator"]
