"""A standing adversarial corpus, sent over real HTTP to a live emulator, for every operation.

Hostile bodies and queries (oversized, invalid UTF-8, deep or duplicate-key JSON, `1e309`,
`NaN`, surrogates, huge integers, 1 MB strings, SQL metacharacters, repeated parameters,
wrong content types, content-length mismatches) for each operation of both specs, the
operations read from the specs themselves. Gateway requests are validly signed
(`path-nonce-body` signs the raw bytes), so the garbage gets past authentication to the
parsers and validators. Every case must get:

* never a 5xx (a 500 tells a client "maybe applied");
* the documented error shape: `400` a field map of message lists, any other error
  `{"detail", "code"}`;
* nothing written: the whole database is the same before and after a refused request, and
  after any read (nonces aside: a request that reaches its handler spends its nonce, even when
  the handler refuses it; that the pipeline's refusals spend none is tested elsewhere).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from bitexbit_emulator.pytest_plugin import EmulatorOptions, GatewayEmulator
from bitexbit_emulator.store.tables import metadata
from sqlalchemy import select

SPECS = Path(__file__).resolve().parents[3] / "openapi"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MIB = 1024 * 1024
SQL = "' OR '1'='1'; DROP TABLE api_keys; --"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str | None = JSON
    signed: bool = True
    extra_headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name


def _operations(spec_name: str) -> list[tuple[str, str, dict[str, Any]]]:
    document = yaml.safe_load((SPECS / spec_name).read_text(encoding="utf-8"))
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "delete", "patch"):
                found.append((method.upper(), path, operation))
    return found


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def _hostile_bodies() -> list[tuple[str, bytes, str | None]]:
    withdraw = {
        "ticker": "USDT",
        "network": "tron",
        "address": "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "amount": "22",
    }
    return [
        ("oversized", b'{"comment": "' + b"x" * MIB + b'"}', JSON),
        ("invalid-utf8", b'{"ticker": "\xff\xfe"}', JSON),
        ("deep-json", b"[" * 100_000 + b"]" * 100_000, JSON),
        ("deep-object", b'{"a":' * 5000 + b"1" + b"}" * 5000, JSON),
        ("duplicate-keys", b'{"ticker": "USDT", "ticker": {"$gt": ""}, "network": "tron"}', JSON),
        ("inf-number", b'{"amount": 1e309, "ticker": "USDT"}', JSON),
        ("nan", b'{"amount": NaN}', JSON),
        ("infinity", b'{"amount": -Infinity}', JSON),
        ("lone-surrogate", b'{"ticker": "\\ud800", "comment": "\\udfff"}', JSON),
        ("nul", b'{"ticker": "US\\u0000DT"}', JSON),
        ("huge-integer", b'{"amount": ' + b"9" * 5000 + b"}", JSON),
        ("big-integer", _json({**withdraw, "fee_payer": 2**64}), JSON),
        ("negative-big", _json({"account_id": -(2**70), "confirmations": 2**63}), JSON),
        ("one-mb-string", _json({**withdraw, "comment": "x" * (MIB - 200)}), JSON),
        ("sql-in-fields", _json({**withdraw, "address": SQL, "ticker": SQL}), JSON),
        ("array", b"[1, 2, 3]", JSON),
        ("string", b'"hello"', JSON),
        ("null", b"null", JSON),
        ("truncated", b'{"ticker": "US', JSON),
        ("wrong-types", _json({"ticker": ["USDT"], "amount": {"v": 1}, "status": True}), JSON),
        ("text-plain", _json(withdraw), "text/plain"),
        ("xml", b"<withdraw><amount>1</amount></withdraw>", "application/xml"),
        (
            "multipart",
            b"--x\r\nContent-Disposition: form-data\r\n\r\n1\r\n--x--",
            "multipart/form-data; boundary=x",
        ),
        ("json-latin1", '{"comment": "é"}'.encode("latin-1"), "application/json; charset=latin-1"),
        ("form-bad-escape", b"ticker=%zz&amount=%", FORM),
        ("form-bad-utf8", b"ticker=%ff%fe&network=tron", FORM),
        ("form-duplicates", b"ticker=USDT&ticker=" + SQL.encode() + b"&amount=1e999", FORM),
        ("form-nul", b"ticker=US%00DT&network=tron", FORM),
        ("empty-type", b'{"ticker": 1}', None),
        # the probes that once gave a 500: an integral float, text SQLite cannot store
        ("float-fee-payer", _json({**withdraw, "fee_payer": 1.0}), JSON),
        ("float-fee-payer-2", _json({**withdraw, "fee_payer": 2.0}), JSON),
        ("surrogate-comment", _json({**withdraw, "comment": "\ud800"}), JSON),
        ("surrogate-memo", _json({**withdraw, "memo": "\udfff"}), JSON),
        ("surrogate-payment-id", _json({**withdraw, "payment_id": "a\ud800b"}), JSON),
        ("float-confirmations", _json({"confirmations": 1.0, "aml_risk": 0.0}), JSON),
    ]


def _hostile_queries() -> list[tuple[str, str]]:
    return [
        ("sql-filter", f"ticker={SQL}&address={SQL}&txid={SQL}"),
        ("sql-ordering", "ordering=id;DROP TABLE api_keys"),
        ("ordering-subquery", "ordering=(select 1)"),
        ("ordering-list", "ordering=-created_at,amount"),
        ("repeated", "ticker=USDT&ticker=BTC&page=1&page=2&limit=1&limit=x"),
        ("page-zero", "page=0"),
        ("page-negative", "page=-1"),
        ("page-float", "page=1e3"),
        ("page-huge", "page=99999999999999999999999999999"),
        ("page-nan", "page=NaN"),
        ("limit-huge", "limit=99999999999999999999999999999"),
        ("limit-negative", "limit=-5"),
        ("bad-utf8", "ticker=%ff%fe&address=%c3%28"),
        ("nul", "txid=a%00b&memo=%00"),
        ("surrogate-escape", "address=%ed%a0%80"),
        ("long-value", "address=" + "A" * 4000),
        ("status-text", "status=abc"),
        ("status-float", "status=5.0"),
        ("status-huge", "status=" + "9" * 50),
        ("account-huge", "account_id=9223372036854775808&limit=99999999999999999999"),
        ("empty-values", "ticker=&network=&status=&page=&limit="),
    ]


def _fill(path: str, value: str) -> str:
    """Path parameters replaced by `value` (already percent-encoded)."""
    parts = []
    for segment in path.split("/"):
        parts.append(value if segment.startswith("{") else segment)
    return "/".join(parts)


def _cases() -> list[Case]:
    cases: list[Case] = []
    for method, path, _operation in _operations("gateway.yaml"):
        full = "/api/gateway" + path
        if method == "GET":
            for name, query in _hostile_queries():
                cases.append(Case(f"gateway {method} {path} {name}", method, full, query=query))
            cases.append(
                Case(f"gateway {method} {path} get-with-body", method, full, body=b'{"x": 1' * 100)
            )
        else:
            for name, body, content_type in _hostile_bodies():
                cases.append(
                    Case(
                        f"gateway {method} {path} {name}",
                        method,
                        full,
                        body=body,
                        content_type=content_type,
                    )
                )
    for method, path, operation in _operations("emulator-control.yaml"):
        full = "/_emulator" + _fill(path, "1")
        hostile_paths = [
            ("id-huge", _fill(path, "9223372036854775808")),
            ("id-sql", _fill(path, "1%27%20OR%201%3D1")),
            ("id-bad-utf8", _fill(path, "%ff%fe")),
            ("id-long", _fill(path, "9" * 300)),
        ]
        if "{" in path:
            for name, hostile in hostile_paths:
                cases.append(
                    Case(
                        f"control {method} {path} {name}",
                        method,
                        "/_emulator" + hostile,
                        body=b"{}",
                        signed=False,
                    )
                )
        for name, query in _hostile_queries():
            cases.append(
                Case(f"control {method} {path} {name}", method, full, query=query, signed=False)
            )
        if "requestBody" in operation or method != "GET":
            for name, body, content_type in _hostile_bodies():
                cases.append(
                    Case(
                        f"control {method} {path} {name}",
                        method,
                        full,
                        body=body,
                        content_type=content_type,
                        signed=False,
                    )
                )
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def emulator() -> Iterator[GatewayEmulator]:
    with GatewayEmulator(EmulatorOptions(live=True)) as running:
        yield running


def _snapshot(emulator: GatewayEmulator) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, nonces aside."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with emulator.sandbox.database.read() as connection:
        for table in metadata.sorted_tables:
            columns = [column for column in table.columns if column.name != "last_nonce"]
            rows = connection.execute(select(*columns)).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


_nonce = iter(range(10**12, 10**13))


def _send(emulator: GatewayEmulator, case: Case) -> httpx.Response:
    headers: dict[str, str] = dict(case.extra_headers)
    if case.content_type is not None:
        headers["Content-Type"] = case.content_type
    if case.signed:
        headers.update(
            emulator.auth_headers(
                case.method,
                case.path,
                query=case.query,
                body=case.body,
                content_type=case.content_type,
                nonce=next(_nonce),
                scheme="path-nonce-body",
            )
        )
    url = case.path + (f"?{case.query}" if case.query else "")
    request = emulator.http.build_request(
        case.method, url, content=case.body or None, headers=headers
    )
    return emulator.http.send(request)


def _documented_shape(status: int, body: object) -> bool:
    if status == 400:
        return (
            isinstance(body, dict)
            and bool(body)
            and all(
                isinstance(messages, list)
                and messages
                and all(isinstance(m, str) for m in messages)
                for messages in body.values()
            )
        )
    return (
        isinstance(body, dict)
        and isinstance(body.get("detail"), str)
        and isinstance(body.get("code"), str)
    )


def test_the_corpus_covers_every_operation_of_both_specs() -> None:
    assert len(CASES) >= 150
    covered = {" ".join(case.name.split()[:3]) for case in CASES}
    for method, path, _ in _operations("gateway.yaml"):
        assert f"gateway {method} {path}" in covered
    for method, path, _ in _operations("emulator-control.yaml"):
        assert f"control {method} {path}" in covered


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input_is_a_clean_4xx_and_writes_nothing(
    emulator: GatewayEmulator, case: Case
) -> None:
    before = _snapshot(emulator)
    mismatches = len(emulator.response_mismatches)
    response = _send(emulator, case)
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        assert _documented_shape(response.status_code, response.json()), response.text[:300]
    if response.status_code >= 400 or case.method == "GET":
        assert _snapshot(emulator) == before
    # the response was one the spec declares (the emulator's own response validation)
    assert emulator.response_mismatches[mismatches:] == []


@pytest.mark.parametrize(
    ("declared", "sent"),
    [(200, b'{"ticker": "USDT"}'), (5, b'{"ticker": "USDT", "network": "tron"}'), (0, b"{}")],
    ids=["declared-longer", "declared-shorter", "declared-zero"],
)
def test_a_content_length_mismatch_never_gets_a_5xx(
    emulator: GatewayEmulator, declared: int, sent: bytes
) -> None:
    """Over a raw socket: the server, not the client library, frames the body."""
    before = _snapshot(emulator)
    url = httpx.URL(emulator.root_url)
    path = "/api/gateway/wallet/create"
    headers = emulator.auth_headers(
        "POST", path, body=sent, content_type=JSON, nonce=next(_nonce), scheme="path-nonce-body"
    )
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {url.host}\r\nContent-Type: {JSON}\r\n"
        f"Content-Length: {declared}\r\nConnection: close\r\n{head}\r\n"
    ).encode() + sent
    with socket.create_connection((url.host, url.port), timeout=5) as connection:
        connection.sendall(request)
        connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    if answer:
        status = int(answer.split(b" ", 2)[1])
        assert status < 500, answer[:300]
        assert status != 201
    assert _snapshot(emulator) == before
