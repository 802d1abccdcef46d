"""`bitexbit sign` and `bitexbit doctor` against a live emulator on loopback."""

from __future__ import annotations

import dataclasses
import shlex
import subprocess

import pytest
from bitexbit.cli import build_app
from bitexbit_emulator.config import EmulatorConfig
from bitexbit_emulator.pytest_plugin import GatewayEmulator
from bitexbit_signing import ParamEncoder, SignatureScheme, verify_request
from typer.testing import CliRunner, Result

pytestmark = pytest.mark.gateway_emulator(live=True)


def _run(gateway_emulator: GatewayEmulator, *args: str, **env: str) -> Result:
    environment = {
        "BITEXBIT_BASE_URL": gateway_emulator.base_url,
        "BITEXBIT_API_KEY": gateway_emulator.demo_key,
        "BITEXBIT_API_SECRET": gateway_emulator.demo_secret,
        **env,
    }
    result = CliRunner().invoke(build_app(plugins=[]), list(args), env=environment)
    assert environment["BITEXBIT_API_SECRET"] not in result.output
    return result


def _lines_after(output: str, heading: str) -> list[str]:
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(heading))
    return [line.strip() for line in lines[start + 1 :] if line.startswith("  ")]


def test_sign_prints_the_canonical_string_headers_and_a_curl_that_works(
    gateway_emulator: GatewayEmulator,
) -> None:
    body = '{"ticker":"USDT","network":"tron"}'
    result = _run(
        gateway_emulator, "sign", "POST", "/wallet/create", "--json", body, "--nonce", "77"
    )
    assert result.exit_code == 0, result.output
    canonical = _lines_after(result.output, "canonical string, params (python encoder):")[0]
    assert canonical == f"{gateway_emulator.demo_key}network=tron&ticker=USDT"
    headers = dict(line.split(": ", 1) for line in _lines_after(result.output, "signed with")[:3])
    assert headers["X-Nonce"] == "77"
    # An independent check of the printed signature, by the verifier the emulator uses.
    assert verify_request(
        secret=gateway_emulator.demo_secret,
        api_key=gateway_emulator.demo_key,
        method="POST",
        path="/api/gateway/wallet/create",
        query="",
        content_type="application/json",
        body=body.encode(),
        nonce=77,
        signature=headers["X-Signature"],
        schemes=[SignatureScheme.PARAMS],
        encoders=[ParamEncoder.PYTHON],
    )
    curl = _lines_after(result.output, "curl")[0]
    answer = subprocess.run(  # noqa: S603 - our own printed command, to a loopback emulator
        [*shlex.split(curl), "-o", "/dev/null", "-w", "%{http_code}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.stdout == "201", answer.stderr


def test_sign_shows_every_variant_on_request(gateway_emulator: GatewayEmulator) -> None:
    result = _run(
        gateway_emulator,
        "sign",
        "GET",
        "/wallets",
        "-p",
        "page=2",
        "--every-variant",
        "--nonce",
        "5",
    )
    assert result.exit_code == 0, result.output
    assert _lines_after(result.output, "canonical string, path-nonce-body:")[0] == (
        "/api/gateway/wallets5"
    )
    assert "canonical string, params (javascript encoder):" in result.output


def test_doctor_passes_a_good_configuration(gateway_emulator: GatewayEmulator) -> None:
    result = _run(gateway_emulator, "doctor")
    assert result.exit_code == 0, result.output
    assert "[FAIL]" not in result.output
    assert "[ok  ] key accepted" in result.output


@pytest.mark.parametrize(
    ("env", "finding", "fix"),
    [
        (
            {"BITEXBIT_API_SECRET": "wrong-secret"},
            "refused (invalid_signature) with every",
            "BITEXBIT_API_SECRET",
        ),
        ({"BITEXBIT_API_KEY": "nobody"}, "does not know this API key", "BITEXBIT_API_KEY"),
    ],
)
def test_doctor_names_what_is_wrong(
    gateway_emulator: GatewayEmulator, env: dict[str, str], finding: str, fix: str
) -> None:
    result = _run(gateway_emulator, "doctor", **env)
    assert result.exit_code == 1
    assert finding in result.output
    assert fix in result.output


def _path_nonce_body_only() -> EmulatorConfig:
    config = EmulatorConfig.load(None)
    signing = dataclasses.replace(config.signing, schemes=("path-nonce-body",))
    return dataclasses.replace(config, signing=signing)


@pytest.mark.gateway_emulator(live=True, config=_path_nonce_body_only())
def test_doctor_finds_the_scheme_that_works(gateway_emulator: GatewayEmulator) -> None:
    result = _run(gateway_emulator, "doctor")  # the client signs with params (the default)
    assert result.exit_code == 1
    assert "params (python encoder) is refused, path-nonce-body is accepted" in result.output
    assert "fix: sign with --scheme path-nonce-body" in result.output
    fixed = _run(gateway_emulator, "--scheme", "path-nonce-body", "doctor")
    assert fixed.exit_code == 0, fixed.output


def test_doctor_names_a_base_url_without_the_api_path(gateway_emulator: GatewayEmulator) -> None:
    origin = gateway_emulator.base_url.removesuffix("/api/gateway")
    result = _run(gateway_emulator, "doctor", BITEXBIT_BASE_URL=origin)
    assert result.exit_code == 1
    assert f"e.g. {origin}/api/gateway" in result.output
