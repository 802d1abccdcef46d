"""`bitexbit sign` and `bitexbit doctor`: what a signature is made of, and what is wrong.

A refused signature is the integrator's most common failure and the gateway's 401 only says
`invalid_signature`. `sign` prints, for any request, the canonical string that is signed, the
three headers and an equivalent curl command; `doctor` walks a configuration against a gateway
one step at a time (reachable, base path, clock, key, scheme and encoder) and says what to fix.
Neither ever prints the secret.
"""

from __future__ import annotations

import email.utils
import json
import shlex
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import httpx
import typer
from bitexbit_signing import (
    ALL_ENCODERS,
    ALL_SCHEMES,
    ParamEncoder,
    SignatureScheme,
    auth_headers,
    signed_messages,
)

from bitexbit.cli._settings import API_BASE_PATH, LOOPBACK_HOSTS, SettingsError
from bitexbit.cli._state import CliState
from bitexbit.nonce import MonotonicNonce

__all__ = ["doctor", "sign"]

CLOCK_SKEW_WARNING_SECONDS = 30


def _state(ctx: typer.Context) -> CliState:
    return ctx.ensure_object(CliState)


def _pairs(values: list[str] | None, option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values or []:
        name, equals, text = value.partition("=")
        if not equals or not name:
            raise typer.BadParameter(f"{value!r} is not NAME=VALUE", param_hint=option)
        pairs.append((name, text))
    return pairs


@dataclass(frozen=True)
class PreparedRequest:
    method: str
    url: str
    path: str
    query: str
    content_type: str | None
    body: bytes


def _prepare(
    base_url: str,
    method: str,
    path: str,
    params: list[tuple[str, str]],
    json_body: str | None,
    form: list[tuple[str, str]],
) -> PreparedRequest:
    if json_body is not None and form:
        raise typer.BadParameter("give --json or --form, not both", param_hint="--json")
    body, content_type = b"", None
    if json_body is not None:
        try:
            json.loads(json_body)
        except ValueError as error:
            raise typer.BadParameter(f"not JSON: {error}", param_hint="--json") from None
        body, content_type = json_body.encode("utf-8"), "application/json"
    elif form:
        body, content_type = urlencode(form).encode("ascii"), "application/x-www-form-urlencoded"
    query = urlencode(params)
    url = f"{base_url.rstrip('/')}/{path.lstrip('/')}"
    return PreparedRequest(
        method=method.upper(),
        url=f"{url}?{query}" if query else url,
        path=urlsplit(url).path,
        query=query,
        content_type=content_type,
        body=body,
    )


def _variant_name(scheme: SignatureScheme, encoder: ParamEncoder | None) -> str:
    return scheme.value if encoder is None else f"{scheme.value} ({encoder.value} encoder)"


def sign(
    ctx: typer.Context,
    method: Annotated[str, typer.Argument(help="GET or POST.")],
    path: Annotated[str, typer.Argument(help="The operation's path, e.g. /wallets.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A query parameter NAME=VALUE.")
    ] = None,
    json_body: Annotated[str | None, typer.Option("--json", help="A JSON body, as sent.")] = None,
    form: Annotated[
        list[str] | None, typer.Option("--form", "-f", help="A form field NAME=VALUE.")
    ] = None,
    nonce: Annotated[
        int | None, typer.Option(min=1, help="The nonce (default: now, in milliseconds).")
    ] = None,
    every_variant: Annotated[
        bool,
        typer.Option("--every-variant", help="Show the canonical string of every scheme/encoder."),
    ] = False,
) -> None:
    """Sign a request and print its canonical string, its headers and a curl command.

    The request is not sent. Compare the canonical string with what your own client signs:
    a difference there is the reason for an `invalid_signature`.
    """
    try:
        credentials = _state(ctx).credentials()
    except SettingsError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    request = _prepare(
        credentials.base_url,
        method,
        path,
        _pairs(param, "--param"),
        json_body,
        _pairs(form, "--form"),
    )
    used = nonce if nonce is not None else MonotonicNonce().next_nonce()
    messages = signed_messages(
        api_key=credentials.api_key,
        method=request.method,
        path=request.path,
        query=request.query,
        content_type=request.content_type,
        body=request.body,
        nonce=used,
        schemes=ALL_SCHEMES if every_variant else (credentials.scheme,),
        encoders=ALL_ENCODERS if every_variant else (credentials.encoder,),
    )
    for (scheme, encoder), message in messages.items():
        typer.echo(f"canonical string, {_variant_name(scheme, encoder)}:")
        typer.echo(f"  {message.decode('utf-8', 'backslashreplace')}")
    headers = auth_headers(
        secret=credentials.secret,
        api_key=credentials.api_key,
        scheme=credentials.scheme,
        encoder=credentials.encoder,
        method=request.method,
        path=request.path,
        query=request.query,
        content_type=request.content_type,
        body=request.body,
        nonce=used,
    )
    typer.echo(f"signed with {_variant_name(credentials.scheme, _encoder_of(credentials))}:")
    for name, value in headers.items():
        typer.echo(f"  {name}: {value}")
    typer.echo("curl (valid once: the nonce must grow):")
    typer.echo(f"  {_curl(request, headers)}")


def _encoder_of(credentials: Any) -> ParamEncoder | None:
    return credentials.encoder if credentials.scheme is SignatureScheme.PARAMS else None


def _curl(request: PreparedRequest, headers: dict[str, str]) -> str:
    parts = ["curl", "-sS", "-X", request.method]
    for name, value in headers.items():
        parts += ["-H", f"{name}: {value}"]
    if request.content_type:
        parts += ["-H", f"Content-Type: {request.content_type}"]
    if request.body:
        parts += ["--data-binary", request.body.decode("utf-8", "backslashreplace")]
    parts.append(request.url)
    return shlex.join(parts)


# -- doctor ----------------------------------------------------------------------------------


@dataclass
class Finding:
    ok: bool
    what: str
    fix: str | None = None


def doctor(
    ctx: typer.Context,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 10.0,
) -> None:
    """Check the configuration against the gateway, step by step, and say what to fix.

    Reads only (GET /payment-methods); tries the other signing schemes and encoders only when
    the configured one is refused. Exits 0 when every step passed, 1 otherwise.
    """
    findings: list[Finding] = []
    failed = False
    for finding in _diagnose(_state(ctx), timeout):
        findings.append(finding)
        mark = "ok  " if finding.ok else "FAIL"
        typer.echo(f"[{mark}] {finding.what}")
        if finding.fix:
            typer.echo(f"       fix: {finding.fix}")
        failed = failed or not finding.ok
    raise typer.Exit(1 if failed else 0)


def _diagnose(state: CliState, timeout: float) -> Iterator[Finding]:
    try:
        credentials = state.credentials()
    except SettingsError as error:
        yield Finding(False, f"credentials: {error}")
        return
    base = credentials.base_url.rstrip("/")
    yield Finding(
        True,
        f"configuration: key {credentials.api_key[:4]}..., base URL {base}, signing "
        f"{_variant_name(credentials.scheme, _encoder_of(credentials))}",
    )
    url = f"{base}/payment-methods"
    with httpx.Client(timeout=timeout, trust_env=False) as client:
        try:
            unsigned = client.get(url)
        except httpx.HTTPError as error:
            host = urlsplit(base).hostname
            fix = (
                "start the emulator: `make run` (or `bitexbit emulator serve`)"
                if host in LOOPBACK_HOSTS
                else "check the URL (--base-url, BITEXBIT_BASE_URL) and the network"
            )
            yield Finding(False, f"reachable: {base} ({type(error).__name__})", fix)
            return
        yield Finding(True, f"reachable: {base} answered HTTP {unsigned.status_code}")
        if unsigned.status_code == 404:
            parts = urlsplit(base)
            yield Finding(
                False,
                f"base path: {url} does not exist",
                f"the base URL ends with {API_BASE_PATH}, e.g. "
                f"{parts.scheme}://{parts.netloc}{API_BASE_PATH}",
            )
            return
        yield Finding(True, f"base path: {API_BASE_PATH} answers (HTTP {unsigned.status_code})")
        yield _clock(unsigned)
        yield from _key_and_signature(client, url, credentials)


def _clock(response: httpx.Response) -> Finding:
    date = response.headers.get("Date")
    if not date:
        return Finding(True, "clock: the gateway sent no Date header to compare with")
    try:
        theirs = email.utils.parsedate_to_datetime(date).timestamp()
    except (TypeError, ValueError):
        return Finding(True, f"clock: unreadable Date header {date!r}")
    skew = time.time() - theirs
    if abs(skew) > CLOCK_SKEW_WARNING_SECONDS:
        return Finding(
            False,
            f"clock: this machine is {skew:+.0f} s off the gateway's",
            "synchronise the clock (NTP): nonces are milliseconds and must keep growing",
        )
    return Finding(True, f"clock: within {CLOCK_SKEW_WARNING_SECONDS} s of the gateway's")


def _signed_get(
    client: httpx.Client,
    url: str,
    credentials: Any,
    scheme: SignatureScheme,
    encoder: ParamEncoder,
    nonces: MonotonicNonce,
) -> httpx.Response:
    parts = urlsplit(url)
    headers = auth_headers(
        secret=credentials.secret,
        api_key=credentials.api_key,
        scheme=scheme,
        encoder=encoder,
        method="GET",
        path=parts.path,
        query=parts.query,
        content_type=None,
        body=b"",
        nonce=nonces.next_nonce(),
    )
    return client.get(url, headers=headers)


def _key_and_signature(client: httpx.Client, url: str, credentials: Any) -> Iterator[Finding]:
    nonces = MonotonicNonce()
    configured = (credentials.scheme, credentials.encoder)
    response = _signed_get(client, url, credentials, *configured, nonces)
    code = _code(response)
    if response.status_code == 200:
        yield Finding(True, "key accepted: a signed GET /payment-methods answered 200")
        return
    if response.status_code == 403:
        yield Finding(
            False,
            f"key refused: HTTP 403 ({code or 'forbidden'})",
            "give the key read permission, and allow this machine's IP address",
        )
        return
    if response.status_code != 401:
        yield Finding(False, f"signed request: unexpected HTTP {response.status_code}")
        return
    if code == "unknown_key":
        yield Finding(
            False, "key: the gateway does not know this API key", "check BITEXBIT_API_KEY"
        )
        return
    if code == "nonce_too_small":
        yield Finding(
            False,
            "nonce: the key has seen a larger nonce than this machine's clock gives",
            "use one nonce source per key; on the emulator: `bitexbit emulator reset-nonce KEY`",
        )
        return
    for scheme, encoder in VARIANTS:
        if (scheme, _encoder_or_default(scheme, encoder)) == _normal(configured):
            continue
        if _signed_get(client, url, credentials, scheme, encoder, nonces).status_code == 200:
            option = f"--scheme {scheme.value}"
            if scheme is SignatureScheme.PARAMS:
                option += f" --encoder {encoder.value}"
            yield Finding(
                False,
                f"signature: {_variant_name(*_shown_variant(configured))} is refused, "
                f"{_variant_name(*_shown_variant((scheme, encoder)))} is accepted",
                f"sign with {option} (or set it in the config file)",
            )
            return
    yield Finding(
        False,
        f"signature: refused ({code or 'HTTP 401'}) with every scheme and encoder",
        "the secret does not belong to this key: check BITEXBIT_API_SECRET",
    )


VARIANTS = (
    (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
    (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT),
    (SignatureScheme.PATH_NONCE_BODY, ParamEncoder.PYTHON),
)
"""Every distinct way to sign (the encoder matters to the params scheme only)."""


def _encoder_or_default(scheme: SignatureScheme, encoder: ParamEncoder) -> ParamEncoder:
    return encoder if scheme is SignatureScheme.PARAMS else ParamEncoder.PYTHON


def _normal(
    variant: tuple[SignatureScheme, ParamEncoder],
) -> tuple[SignatureScheme, ParamEncoder]:
    return variant[0], _encoder_or_default(*variant)


def _shown_variant(
    variant: tuple[SignatureScheme, ParamEncoder],
) -> tuple[SignatureScheme, ParamEncoder | None]:
    scheme, encoder = variant
    return scheme, encoder if scheme is SignatureScheme.PARAMS else None


def _code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    code = body.get("code") if isinstance(body, dict) else None
    return code if isinstance(code, str) else None
