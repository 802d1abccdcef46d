"""A stub gateway that answers every operation with the spec's own examples, on 127.0.0.1.

The stub reads ``openapi/gateway.yaml`` (nothing is copied by hand), so the client tests prove that
the generated client parses exactly what the spec documents. A test picks the answer with two
request headers that only the stub knows: ``X-Stub-Status`` (default: the operation's success
status) and ``X-Stub-Example`` (default: the response's first example).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from bitexbit_emulator.serving import server_config
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from tools.spec_examples import HTTP_METHODS, resolve

BASE_PATH = "/api/gateway"
STATUS_HEADER = "X-Stub-Status"
EXAMPLE_HEADER = "X-Stub-Example"


@dataclass(frozen=True)
class RecordedRequest:
    """What reached the stub: enough to assert what the client put on the wire."""

    operation_id: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class StubGateway:
    """A Starlette app with one route per operation of ``spec``; records every request."""

    spec: Mapping[str, Any]
    requests: list[RecordedRequest] = field(default_factory=list)

    def app(self) -> Starlette:
        routes = []
        for path, item in self.spec["paths"].items():
            for method in HTTP_METHODS:
                if method in item:
                    routes.append(
                        Route(BASE_PATH + path, self._endpoint(item[method]), methods=[method])
                    )
        return Starlette(routes=routes)

    def _endpoint(self, operation: Mapping[str, Any]) -> Any:
        async def answer(request: Request) -> Response:
            self.requests.append(
                RecordedRequest(
                    operation_id=operation["operationId"],
                    method=request.method,
                    path=request.url.path,
                    query=dict(request.query_params),
                    headers=dict(request.headers),
                    body=await request.body(),
                )
            )
            status = request.headers.get(STATUS_HEADER, success_status(operation))
            if status not in operation["responses"]:
                return PlainTextResponse(f"the spec documents no {status} here", status_code=418)
            return self._documented_answer(
                status, operation["responses"][status], request.headers.get(EXAMPLE_HEADER)
            )

        return answer

    def _documented_answer(self, status: str, reference: Any, example: str | None) -> Response:
        response = resolve(self.spec, reference)
        examples = response["content"]["application/json"]["examples"]
        name = example or next(iter(examples))
        headers = {"X-Request-Id": f"stub-{len(self.requests)}"}
        for header_name, header in response.get("headers", {}).items():
            header = resolve(self.spec, header)
            if header.get("required") and header["schema"]["type"] == "integer":
                headers[header_name] = str(max(1, header["schema"].get("minimum", 1)))
        value = resolve(self.spec, examples[name])["value"]
        return JSONResponse(value, status_code=int(status), headers=headers)


def success_status(operation: Mapping[str, Any]) -> str:
    """The operation's first listed 2xx status (201 for the creates, before the 200 replay)."""
    status: str = next(status for status in operation["responses"] if status.startswith("2"))
    return status


@dataclass(frozen=True)
class RunningStub:
    """A started stub: its recorder and the client's base URL."""

    gateway: StubGateway
    base_url: str


@pytest.fixture(scope="session")
def stub_server(gateway_spec: dict[str, Any]) -> Iterator[RunningStub]:
    """The stub on a real loopback socket (uvicorn in a thread), for the whole session."""
    gateway = StubGateway(gateway_spec)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = server_config(gateway.app(), log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            threading.Event().wait(0.01)
        else:
            raise RuntimeError("the stub gateway did not start within 5 s")
        yield RunningStub(gateway, f"http://127.0.0.1:{port}{BASE_PATH}")
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


@pytest.fixture
def stub(stub_server: RunningStub) -> RunningStub:
    """The session's stub with its request log emptied for this test."""
    stub_server.gateway.requests.clear()
    return stub_server
