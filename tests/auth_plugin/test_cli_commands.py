"""The `bitexbit` command: every operation through CliRunner, env-var credentials and a mock
transport; secrets never printed; plugins loaded from entry points without breaking the CLI."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from decimal import Decimal
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import httpx
import pytest
from bitexbit import Gateway, RetryPolicy
from bitexbit.cli import CliState, build_app
from bitexbit.cli._settings import Credentials, load_credentials
from bitexbit_signing import ParamEncoder, SignatureScheme, verify_request
from typer.testing import CliRunner, Result

SpecExample = Callable[[str, str, str], Any]

API_KEY = "cli-key-123456789"
SECRET = "cli-secret-never-printed"
BASE_URL = "http://127.0.0.1:8765/api/gateway"
ENV = {"BITEXBIT_API_KEY": API_KEY, "BITEXBIT_API_SECRET": SECRET, "BITEXBIT_BASE_URL": BASE_URL}


class FakeGateway:
    """Serves the spec's examples by path; wallets come in three pages of one."""

    def __init__(self, example: SpecExample) -> None:
        self.example = example
        self.requests: list[httpx.Request] = []
        self.credentials: list[Credentials] = []
        self.fail_with: int | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.fail_with is not None:
            return httpx.Response(
                self.fail_with, json={"detail": "Invalid signature.", "code": "invalid_signature"}
            )
        route = request.url.path.removeprefix("/api/gateway")
        if route == "/wallets":
            return self._wallet_page(int(request.url.params.get("page", "1")))
        method = request.method.lower()
        status = "201" if method == "post" else "200"
        body = self.example(route, method, status)
        if route in {"/wallet/history", "/withdraw/history"}:
            body = dict(body, next=None)
        return httpx.Response(int(status), json=body)

    def _wallet_page(self, page: int) -> httpx.Response:
        wallet = self.example("/wallet/create", "post", "201")
        return httpx.Response(
            200,
            json={
                "count": 3,
                "next": f"{BASE_URL}/wallets?page={page + 1}" if page < 3 else None,
                "previous": None,
                "results": [dict(wallet, address=f"address-{page}")],
            },
        )

    def factory(self, credentials: Credentials) -> Gateway:
        self.credentials.append(credentials)
        return Gateway(
            credentials.api_key,
            credentials.secret,
            base_url=credentials.base_url,
            scheme=credentials.scheme,
            encoder=credentials.encoder,
            transport=httpx.MockTransport(self),
            rate_limit=False,
            retry_policy=RetryPolicy(sleep=lambda seconds: None),
        )


@pytest.fixture
def cli_server(sdk_spec_example: SpecExample) -> FakeGateway:
    return FakeGateway(sdk_spec_example)


@pytest.fixture(autouse=True)
def cli_isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real ~/.config/bitexbit."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in (
        "BITEXBIT_API_KEY",
        "BITEXBIT_API_SECRET",
        "BITEXBIT_BASE_URL",
        "BITEXBIT_CONFIG",
        "BITEXBIT_SIGNATURE_SCHEME",
        "BITEXBIT_PARAM_ENCODER",
    ):
        monkeypatch.delenv(name, raising=False)


def run(
    server: FakeGateway | None,
    *args: str,
    env: dict[str, str] | None = None,
    input: str | None = None,
    plugins: list[EntryPoint] | None = None,
) -> Result:
    state = CliState() if server is None else CliState(gateway_factory=server.factory)
    result = CliRunner().invoke(
        build_app(plugins=plugins or []),
        list(args),
        env=ENV if env is None else env,
        input=input,
        obj=state,
    )
    assert SECRET not in result.output
    return result


def test_payment_methods_table_and_json(cli_server: FakeGateway) -> None:
    table = run(cli_server, "payment-methods")
    assert table.exit_code == 0, table.output
    assert "BTC" in table.output
    assert "0.00060000" in table.output

    as_json = run(cli_server, "payment-methods", "--json", "--ordering=-id")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)[0]["min_withdraw"] == "0.00060000"
    assert cli_server.requests[-1].url.params["ordering"] == "-id"
    assert cli_server.credentials[0].api_key == API_KEY
    assert cli_server.credentials[0].base_url == BASE_URL


def test_wallets_create_sends_decimal_strings(cli_server: FakeGateway) -> None:
    result = run(
        cli_server,
        "wallets",
        "create",
        "ETH",
        "ethereum",
        "--convert-ticker",
        "USDT",
        "--convert-limit",
        "10000.00",
        "--convert-percent",
        "-2.5",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(cli_server.requests[0].content) == {
        "ticker": "ETH",
        "network": "ethereum",
        "convert_ticker": "USDT",
        "convert_limit": "10000",
        "convert_percent": "-2.5",
    }
    assert json.loads(result.stdout)["address"].startswith("0x35f0")


def test_wallets_list_one_page_and_all(cli_server: FakeGateway) -> None:
    one = run(cli_server, "wallets", "list", "--limit", "1", "--json")
    assert one.exit_code == 0, one.output
    page = json.loads(one.stdout)
    assert (page["count"], len(page["results"])) == (3, 1)
    assert page["next"] == f"{BASE_URL}/wallets?page=2"

    every = run(cli_server, "wallets", "list", "--all", "--json")
    assert every.exit_code == 0, every.output
    addresses = [wallet["address"] for wallet in json.loads(every.stdout)["results"]]
    assert addresses == ["address-1", "address-2", "address-3"]
    assert [r.url.params["limit"] for r in cli_server.requests[1:]] == ["100"] * 3

    table = run(cli_server, "wallets", "list")
    assert "--page 2" in table.output


@pytest.mark.parametrize("command", [("deposits", "list"), ("wallets", "history")])
def test_deposits_list_and_its_alias(cli_server: FakeGateway, command: tuple[str, str]) -> None:
    result = run(cli_server, *command, "--status", "confirmed", "--ticker", "USDT", "--json")
    assert result.exit_code == 0, result.output
    params = cli_server.requests[0].url.params
    assert (params["status"], params["ticker"]) == ("5", "USDT")
    assert json.loads(result.stdout)["results"][0]["amount"] == "5.00000000"


def test_deposits_list_all_as_table(cli_server: FakeGateway) -> None:
    result = run(cli_server, "deposits", "list", "--all", "--status", "1")
    assert result.exit_code == 0, result.output
    assert "CONFIRMED" in result.output
    assert cli_server.requests[0].url.params["status"] == "1"


def test_bad_status_is_a_usage_error(cli_server: FakeGateway) -> None:
    result = run(cli_server, "deposits", "list", "--status", "lost")
    assert result.exit_code == 2
    assert "pending" in result.output
    assert cli_server.requests == []


def test_withdraw_create_with_yes(cli_server: FakeGateway) -> None:
    result = run(
        cli_server,
        "withdraw",
        "create",
        "USDT",
        "tron",
        "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
        "22.50",
        "--fee-payer",
        "amount",
        "--memo",
        "m",
        "--yes",
        "--json",
    )
    assert result.exit_code == 0, result.output
    sent = json.loads(cli_server.requests[0].content)
    assert sent["amount"] == "22.5"
    assert sent["fee_payer"] == 2
    assert sent["memo"] == "m"
    assert sent["client_order_id"].startswith("sdk-")
    assert json.loads(result.stdout)["status"] == 10


def test_withdraw_create_asks_first(cli_server: FakeGateway) -> None:
    declined = run(cli_server, "withdraw", "create", "USDT", "tron", "TR4d", "12", input="n\n")
    assert declined.exit_code != 0
    assert "Withdraw 12 USDT on tron to TR4d?" in declined.output
    # The spec's sample method for USDT on tron: a fixed fee of 2.00000000 and a rate of 0.
    assert (
        "fee: 2.00000000 USDT from your balance (fixed 2.00000000 + 0E-6% of" not in declined.output
    )
    assert "fee: 2.00000000 USDT from your balance (fixed 2.00000000 + 0" in declined.output
    assert [request.method for request in cli_server.requests] == ["GET"]  # nothing was sent

    accepted = run(cli_server, "withdraw", "create", "USDT", "tron", "TR4d", "12", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert [request.method for request in cli_server.requests] == ["GET", "GET", "POST"]
    assert "client_order_id" in accepted.output


@pytest.mark.parametrize(
    "command",
    [
        ("payment-methods",),
        ("wallets", "list"),
        ("deposits", "list"),
        ("withdraw", "list"),
        ("wallets", "create", "ETH", "ethereum"),
    ],
)
def test_output_json_is_the_same_as_json(cli_server: FakeGateway, command: tuple[str, ...]) -> None:
    """`--output json` (`-o json`, any case) is the scripts' spelling; `--json` its shorthand."""
    short = run(cli_server, *command, "--json")
    assert short.exit_code == 0, short.output
    for spelling in (("--output", "json"), ("-o", "JSON")):
        long = run(cli_server, *command, *spelling)
        assert long.exit_code == 0, long.output
        assert json.loads(long.stdout) == json.loads(short.stdout)
    table = run(cli_server, *command, "--output", "table")
    assert table.exit_code == 0, table.output
    with pytest.raises(json.JSONDecodeError):
        json.loads(table.stdout)


def test_an_unknown_output_format_is_refused(cli_server: FakeGateway) -> None:
    result = run(cli_server, "payment-methods", "--output", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'json'" in result.output
    assert cli_server.requests == []


def test_with_json_output_stdout_holds_only_the_document(cli_server: FakeGateway) -> None:
    """The confirmation prompt and --follow's progress lines go to stderr, so `| jq` works."""
    created = run(
        cli_server, "withdraw", "create", "USDT", "tron", "TR4d", "12", "-o", "json", input="y\n"
    )
    assert created.exit_code == 0, created.output
    # CliRunner echoes the typed answer to stdout, as " y"; a terminal echoes it on its own.
    assert created.stdout.startswith(" y\n")
    assert json.loads(created.stdout.removeprefix(" y\n"))["client_order_id"]
    assert "Withdraw 12 USDT on tron to TR4d?" in created.stderr

    sample = cli_server.example("/withdraw/history", "get", "200")["results"][0]
    if sample["status"] in {30, 40, 50}:  # the spec's sample is final: --follow stops at once
        followed = run(
            cli_server, "withdraw", "get", str(sample["id"]), "--follow", "--output", "json"
        )
        assert json.loads(followed.stdout)["id"] == sample["id"]
        assert f"withdrawal {sample['id']}:" in followed.stderr


def test_the_confirmation_shows_a_fee_rate(cli_server: FakeGateway) -> None:
    from bitexbit import FeePayer, PaymentMethod
    from bitexbit.cli._commands import _fee_estimate
    from bitexbit_gateway_client.models import PaymentMethod as RawPaymentMethod

    sample = cli_server.example("/payment-methods", "get", "200")[0]
    method = PaymentMethod(
        RawPaymentMethod.from_dict(
            {**sample, "ticker": "TRX", "withdraw_fee_amount": "1", "withdraw_fee_rate": "0.001"}
        )
    )
    line = _fee_estimate([method], "TRX", sample["network"], Decimal("15"), FeePayer.AMOUNT)
    assert line.startswith("fee: 1.01500000 ")
    assert "deducted from the amount (fixed 1 + 0.1% of the amount)" in line


@pytest.mark.parametrize("amount", ["1.123456789", "abc", "NaN", "1e3", "Infinity", "1_000", "+5"])
def test_withdraw_rejects_bad_amounts_before_sending(cli_server: FakeGateway, amount: str) -> None:
    result = run(cli_server, "withdraw", "create", "USDT", "tron", "TR4d", amount, "--yes")
    assert result.exit_code == 2
    assert cli_server.requests == []
    assert repr(amount) in result.output  # what was typed, not a normalised Decimal (1E-9)


def test_a_400_is_printed_once(cli_server: FakeGateway) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"amount": ["Ensure this value is greater than 0."]})

    cli_server.__class__ = type("Refusing", (FakeGateway,), {"__call__": lambda self, r: refuse(r)})
    result = run(cli_server, "wallets", "list")
    assert result.exit_code == 1
    assert result.output.count("Ensure this value is greater than 0.") == 1
    assert "amount: Ensure this value is greater than 0." in result.output


def test_the_deposits_table_shows_the_txid(cli_server: FakeGateway) -> None:
    deposit = cli_server.example("/wallet/history", "get", "200")["results"][0]
    result = run(cli_server, "deposits", "list")
    assert result.exit_code == 0, result.output
    assert "txid" in result.output
    assert deposit["txid"] in result.output


@pytest.mark.parametrize("columns", [80, 100, 200])
def test_money_and_addresses_never_wrap(cli_server: FakeGateway, columns: int) -> None:
    withdrawal = cli_server.example("/withdraw/history", "get", "200")["results"][0]
    env = {**ENV, "COLUMNS": str(columns)}
    result = run(cli_server, "withdraw", "list", env=env)
    assert result.exit_code == 0, result.output
    for value in (withdrawal["amount"], withdrawal["address"], withdrawal["client_order_id"]):
        assert value in result.output, f"{value!r} is split at {columns} columns"
    assert all(len(line) <= columns for line in result.output.splitlines() if "│" in line)


def test_an_unreachable_gateway_is_named_with_a_hint(cli_server: FakeGateway) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    cli_server.__class__ = type("Down", (FakeGateway,), {"__call__": lambda self, r: down(r)})
    result = run(cli_server, "wallets", "list")
    assert result.exit_code == 1
    assert f"at {BASE_URL}" in result.output
    assert "make run" in result.output


def test_a_base_url_without_the_api_base_path_gets_a_hint(cli_server: FakeGateway) -> None:
    cli_server.fail_with = 404
    result = run(
        cli_server, "wallets", "list", env={**ENV, "BITEXBIT_BASE_URL": "http://127.0.0.1:8765"}
    )
    assert result.exit_code == 1
    assert "e.g. http://127.0.0.1:8765/api/gateway" in result.output


def test_withdraw_list(cli_server: FakeGateway) -> None:
    result = run(cli_server, "withdraw", "list", "--status", "done", "--address", "TR4d", "--json")
    assert result.exit_code == 0, result.output
    params = cli_server.requests[0].url.params
    assert (params["status"], params["address"]) == ("30", "TR4d")
    assert json.loads(result.stdout)["results"][0]["auto_buy"]["price"] == "3300.00000000"


def test_gateway_errors_are_one_line_messages(cli_server: FakeGateway) -> None:
    cli_server.fail_with = 401
    result = run(cli_server, "wallets", "list")
    assert result.exit_code == 1
    assert "401 Unauthorized: Invalid signature." in result.output
    assert "Traceback" not in result.output
    assert cli_server.requests[0].headers["X-Signature"] not in result.output


def test_missing_credentials_say_how_to_provide_them(cli_server: FakeGateway) -> None:
    result = run(cli_server, "wallets", "list", env={})
    assert result.exit_code == 2
    assert "BITEXBIT_API_KEY" in result.output
    assert "bitexbit configure" in result.output
    assert cli_server.requests == []


def test_configure_writes_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.toml"
    result = run(
        None,
        "--config",
        str(path),
        "configure",
        env={},
        input=f"{API_KEY}\n{SECRET}\n{BASE_URL}\n",
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    credentials = load_credentials(path, {})
    assert credentials.api_key == API_KEY
    assert credentials.secret.reveal() == SECRET
    assert credentials.base_url == BASE_URL
    assert "Saved key cli-…6789 to" in result.output  # the key masked, the secret not at all
    assert SECRET not in repr(credentials)


def test_config_file_is_used_and_env_overrides_it(cli_server: FakeGateway, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'api_key = "file-key"\napi_secret = "{SECRET}"\nbase_url = "{BASE_URL}"\n')
    path.chmod(0o600)
    from_file = run(cli_server, "--config", str(path), "payment-methods", env={})
    assert from_file.exit_code == 0, from_file.output
    assert cli_server.requests[-1].headers["X-API-Key"] == "file-key"

    overridden = run(
        cli_server, "--config", str(path), "payment-methods", env={"BITEXBIT_API_KEY": "env-key"}
    )
    assert overridden.exit_code == 0, overridden.output
    assert cli_server.requests[-1].headers["X-API-Key"] == "env-key"


def test_readable_config_file_earns_a_warning(cli_server: FakeGateway, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f'api_key = "k"\napi_secret = "{SECRET}"\n')
    path.chmod(0o644)
    result = run(cli_server, "--config", str(path), "payment-methods", env={})
    assert "readable by other users" in result.output


def test_missing_explicit_config_file(cli_server: FakeGateway, tmp_path: Path) -> None:
    result = run(cli_server, "--config", str(tmp_path / "nope.toml"), "wallets", "list", env={})
    assert result.exit_code == 2
    assert "config file not found" in result.output


def test_plugins_are_added_and_broken_ones_only_warn(
    cli_server: FakeGateway, capsys: pytest.CaptureFixture[str]
) -> None:
    group = "bitexbit.cli"
    plugins = [
        EntryPoint("extra", "bitexbit.cli._commands:withdraw_app", group),  # a real Typer app
        EntryPoint("broken", "bitexbit_no_such_module:app", group),
        EntryPoint("notatyper", "json:dumps", group),
        EntryPoint("wallets", "bitexbit.cli._commands:deposits_app", group),  # name taken
    ]
    result = run(cli_server, "extra", "list", "--json", plugins=plugins)
    assert result.exit_code == 0, result.output
    assert cli_server.requests[0].url.path == "/api/gateway/withdraw/history"
    warnings = capsys.readouterr().err  # printed while the app is built
    assert "plugin 'broken'" in warnings
    assert "ModuleNotFoundError" in warnings
    assert "expected a typer.Typer" in warnings
    assert "plugin 'wallets'" in warnings

    helped = run(cli_server, "--help", plugins=plugins)
    assert helped.exit_code == 0
    assert "extra" in helped.stdout
    assert "broken" not in helped.stdout


def _verifies_as(request: httpx.Request) -> tuple[SignatureScheme, ParamEncoder | None] | None:
    path, _, query = request.url.raw_path.decode().partition("?")
    return verify_request(
        secret=SECRET,
        api_key=API_KEY,
        method=request.method,
        path=path,
        query=query,
        content_type=request.headers.get("content-type"),
        body=request.content,
        nonce=request.headers["x-nonce"],
        signature=request.headers["x-signature"],
    )


@pytest.mark.parametrize(
    ("options", "env_extra", "expected"),
    [
        ((), {}, (SignatureScheme.PARAMS, ParamEncoder.PYTHON)),
        (("--scheme", "path-nonce-body"), {}, (SignatureScheme.PATH_NONCE_BODY, None)),
        (("--encoder", "javascript"), {}, (SignatureScheme.PARAMS, ParamEncoder.JAVASCRIPT)),
        (
            (),
            {"BITEXBIT_SIGNATURE_SCHEME": "path-nonce-body"},
            (SignatureScheme.PATH_NONCE_BODY, None),
        ),
        (
            ("--scheme", "params"),
            {"BITEXBIT_SIGNATURE_SCHEME": "path-nonce-body"},
            (SignatureScheme.PARAMS, ParamEncoder.PYTHON),
        ),
    ],
)
def test_signing_scheme_and_encoder_are_selectable(
    cli_server: FakeGateway,
    options: tuple[str, ...],
    env_extra: dict[str, str],
    expected: tuple[SignatureScheme, ParamEncoder | None],
) -> None:
    # A filter value with a space and a "!" is encoded differently by the two encoders.
    result = run(
        cli_server,
        *options,
        "deposits",
        "list",
        "--address",
        "a b!",
        env={**ENV, **env_extra},
    )
    assert result.exit_code == 0, result.output
    (request,) = cli_server.requests[:1]
    assert _verifies_as(request) == expected


def test_the_default_gateway_factory_passes_the_scheme_on(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    made: list[dict[str, Any]] = []

    def record(*args: Any, **kwargs: Any) -> Any:
        made.append(kwargs)
        raise RuntimeError("stop here")

    monkeypatch.setattr("bitexbit.cli._state.Gateway", record)
    state = CliState(scheme="path-nonce-body", encoder="javascript")
    with pytest.raises(RuntimeError, match="stop here"):
        state.open_gateway()
    assert made[0]["scheme"] is SignatureScheme.PATH_NONCE_BODY
    assert made[0]["encoder"] is ParamEncoder.JAVASCRIPT


def test_config_file_sets_the_scheme_and_an_unknown_one_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('signature_scheme = "path-nonce-body"\nparam_encoder = "javascript"\n')
    credentials = load_credentials(config, ENV)
    assert credentials.scheme is SignatureScheme.PATH_NONCE_BODY
    assert credentials.encoder is ParamEncoder.JAVASCRIPT
    assert "path-nonce-body" in repr(credentials)
    assert SECRET not in repr(credentials)

    result = run(None, "--scheme", "sha1", "payment-methods")
    assert result.exit_code != 0
    assert "unknown signature scheme 'sha1'" in result.output
    assert "params, path-nonce-body" in result.output


def test_withdraw_get_shows_one_and_follow_stops_at_a_final_status(cli_server: FakeGateway) -> None:
    sample = cli_server.example("/withdraw/history", "get", "200")["results"][0]
    shown = run(cli_server, "withdraw", "get", str(sample["id"]))
    assert shown.exit_code == 0, shown.output
    assert sample["address"] in shown.output

    followed = run(
        cli_server, "withdraw", "get", str(sample["id"]), "--follow", "--interval", "0.5"
    )
    name = {10: "NEW", 30: "DONE", 40: "REFUSED", 50: "CANCELLED"}.get(sample["status"])
    if sample["status"] in {30, 40, 50}:
        assert followed.exit_code == (0 if sample["status"] == 30 else 1), followed.output
        assert f"withdrawal {sample['id']}: {name}" in followed.output

    missing = run(cli_server, "withdraw", "get", "987654")
    assert missing.exit_code == 1
    assert "no withdrawal 987654" in missing.output


def test_following_gives_up_after_the_timeout(cli_server: FakeGateway) -> None:
    sample = cli_server.example("/withdraw/history", "get", "200")["results"][0]
    pending = {**sample, "status": 20}  # CONFIRMED: not final

    def history(request: httpx.Request) -> httpx.Response:
        cli_server.requests.append(request)
        return httpx.Response(
            200, json={"count": 1, "next": None, "previous": None, "results": [pending]}
        )

    cli_server.__class__ = type("Pending", (FakeGateway,), {"__call__": lambda self, r: history(r)})
    args = ["withdraw", "get", str(sample["id"]), "--follow", "--interval", "0.5", "--timeout", "1"]
    result = run(cli_server, *args)
    assert result.exit_code == 1
    assert f"withdrawal {sample['id']}: CONFIRMED" in result.output
    assert "stopped following" in result.output
    assert 2 <= len(cli_server.requests) <= 4  # bounded by the timeout


def test_the_production_default_is_said_out_loud(cli_server: FakeGateway) -> None:
    env = {key: value for key, value in ENV.items() if key != "BITEXBIT_BASE_URL"}
    result = run(cli_server, "wallets", "list", env=env)
    assert result.exit_code == 0, result.output
    assert "using the production gateway https://www.bitexbit.com/api/gateway" in result.output
    configured = run(cli_server, "wallets", "list")
    assert "production gateway" not in configured.output
