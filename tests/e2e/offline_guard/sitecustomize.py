"""Put on PYTHONPATH of a test server: every attempt of that process to reach beyond this machine fails loudly.

Python imports `sitecustomize` at start-up, before Streamlit. Connecting or sending to an address that is not
loopback, or resolving any host name but localhost (a DNS query is already traffic), raises OSError and appends a
line to the file named by $OFFLINE_GUARD_RECORD, which the test reads.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import traceback

_RECORD = os.environ.get("OFFLINE_GUARD_RECORD", "")
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost"}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _refuse(what: str, target: object) -> None:
    with open(_RECORD, "a", encoding="utf-8") as record:
        record.write(f"{what} {target!r}\n{''.join(traceback.format_stack(limit=8))}\n")
    raise OSError(f"offline guard: {what} {target!r} would leave this machine")


def _guard_address(method_name: str, address_index: int) -> None:
    original = getattr(socket.socket, method_name)

    def guarded(self, *args):
        address = args[address_index] if len(args) > address_index else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) \
                and not _is_local(address[0]):
            _refuse(method_name, address)
        return original(self, *args)

    setattr(socket.socket, method_name, guarded)


def _guard_lookup(function_name: str) -> None:
    original = getattr(socket, function_name)

    def guarded(host, *args, **kwargs):
        if not _is_local(host):
            _refuse(function_name, host)
        return original(host, *args, **kwargs)

    setattr(socket, function_name, guarded)


if _RECORD:
    for _method, _index in (("connect", 0), ("connect_ex", 0), ("sendto", -1)):
        _guard_address(_method, _index)
    for _function in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        _guard_lookup(_function)
