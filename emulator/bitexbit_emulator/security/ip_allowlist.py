"""A key's optional IP allow-list: addresses or CIDR networks (``10.0.0.0/8``).

The client address is the TCP peer (``scope["client"]``); forwarding headers are not trusted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

__all__ = ["ip_allowed"]


def ip_allowed(client_ip: str | None, allowed: Iterable[str] | None) -> bool:
    """True if there is no allow-list, or ``client_ip`` is in one of its entries."""
    if allowed is None:
        return True
    if client_ip is None:
        return False
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False
