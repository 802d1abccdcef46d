"""A client library for accessing bitexbit gateway emulator - control API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
