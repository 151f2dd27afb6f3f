"""Rate lookups and a whole run stay on this machine: no connection leaves loopback.

Every way this process could open a connection is wrapped: name resolution
(getaddrinfo), socket.connect / connect_ex and socket.create_connection. Loopback
addresses and Unix sockets pass (the Prefect test harness serves its API on 127.0.0.1);
anything else is recorded and refused.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

import pytest

from flows.etl import etl
from transforms import fx
from transforms.schema import Fact

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkRefused(OSError):
    pass


@dataclass
class Traffic:
    refused: list[str] = field(default_factory=list)  # what would have left the machine
    loopback: list[object] = field(default_factory=list)  # connects let through


def _is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: resolving it is a network access


@pytest.fixture
def traffic(monkeypatch) -> Traffic:
    """Refuse and record every non-loopback connection or lookup made by this process."""
    seen = Traffic()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create_connection = socket.create_connection

    def refuse(what: str) -> None:
        seen.refused.append(what)
        raise NetworkRefused(f"network access in an offline test: {what}")

    def is_local_address(sock: socket.socket, address: object) -> bool:
        local = sock.family == getattr(socket, "AF_UNIX", None) or (
            isinstance(address, tuple) and _is_local(address[0])
        )
        if local:
            seen.loopback.append(address)
        return local

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            refuse(f"getaddrinfo {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if not is_local_address(self, address):
            refuse(f"connect {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not is_local_address(self, address):
            refuse(f"connect_ex {address!r}")
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        if not _is_local(address[0]):
            refuse(f"create_connection {address!r}")
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return seen


def test_the_guard_refuses_and_records_outside_addresses(traffic):
    with pytest.raises(NetworkRefused):
        socket.create_connection(("example.org", 443), timeout=1)
    with pytest.raises(NetworkRefused):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkRefused), socket.socket() as sock:
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1, never routed
    assert traffic.refused == [
        "create_connection ('example.org', 443)",
        "getaddrinfo 'example.org'",
        "connect ('192.0.2.1', 80)",
    ]
    # Loopback passes (nothing listens on port 9, so the connection itself is refused).
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", 9)) != 0
    assert traffic.loopback == [("127.0.0.1", 9)] and len(traffic.refused) == 3


def test_rate_lookup_is_offline(traffic):
    fact = Fact(
        doc_id="d1",
        language="de",
        sentence=0,
        start=0,
        end=17,
        surface="Rmb280 Milliarden",
        metric="revenue",
        kind="level",
        value=280e9,
        unit="CNY",
        period="2024-Q4",
        period_start="2024-10-01",
        period_end="2024-12-31",
    )
    # Build the converter and look the rate up under the guard, not from an earlier test.
    fx._converter.cache_clear()
    fx.eur_rate.cache_clear()
    (converted,) = fx.add_eur_values([fact], published="2025-02-21")
    assert converted.fx_date == "2024-12-31"
    assert converted.fx_rate == pytest.approx(7.5833)
    assert converted.value_eur == pytest.approx(280e9 / 7.5833)
    assert traffic.refused == []


@pytest.mark.usefixtures("prefect_harness")
def test_a_whole_run_is_offline(traffic, tmp_path, seed_dir):
    summary = etl(paths=[str(seed_dir)], warehouse_path=str(tmp_path / "kpiflow.duckdb"))
    assert summary["status"] == "completed" and summary["facts_loaded"] > 0
    assert traffic.refused == []
    # The guard did see the run's traffic: its calls to the harness's local Prefect API.
    assert traffic.loopback
