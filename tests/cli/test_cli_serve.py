"""`tiltak serve`: gunicorn's command line, the SECRET_KEY rule and collectstatic."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import pytest

from tiltak import commands as cli


def parse(*argv: str) -> argparse.Namespace:
    """Parse a serve command line with the top-level register()."""
    parser = argparse.ArgumentParser(prog="tiltak")
    cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["serve", *argv])


def test_arguments_and_defaults() -> None:
    args = parse()
    assert (args.host, args.port, args.workers) == ("127.0.0.1", 8000, None)
    args = parse("--host", "0.0.0.0", "--port", "9000", "--workers", "3")
    assert (args.host, args.port, args.workers) == ("0.0.0.0", 9000, 3)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("tiltak.example.no", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert cli.is_loopback(host) is loopback


def test_gunicorn_command_line() -> None:
    argv = cli.gunicorn_argv("::1", 8080, 4)
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "tiltak.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "[::1]:8080"
    assert argv[argv.index("--workers") + 1] == "4"


def test_secret_key_rule(settings: Any) -> None:
    settings.DEBUG = False
    env, note = cli.server_environment("127.0.0.1", {})
    assert env["SECRET_KEY"] == settings.SECRET_KEY and note and "local" in note
    with pytest.raises(cli.ServeError, match="SECRET_KEY must be set"):
        cli.server_environment("0.0.0.0", {})
    env, note = cli.server_environment("0.0.0.0", {"SECRET_KEY": "from-the-environment"})
    assert env["SECRET_KEY"] == "from-the-environment" and note is None


@pytest.mark.django_db
def test_serve_collects_static_then_runs_gunicorn(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    calls: list[tuple[str, list[str], dict[str, str]]] = []
    monkeypatch.setattr(cli.os, "execve", lambda path, argv, env: calls.append((path, argv, env)))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert cli.handle_serve(parse("--port", "8123", "--workers", "2")) == 0
    (path, argv, env) = calls[0]
    assert path == sys.executable and "127.0.0.1:8123" in argv
    assert env["SECRET_KEY"] == settings.SECRET_KEY
    assert (settings.STATIC_ROOT / "staticfiles.json").is_file()
    assert (settings.STATIC_ROOT / "portal" / "site.css").is_file()


@pytest.mark.django_db
def test_serve_refuses_public_host_without_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.DEBUG = False
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(cli.os, "execve", lambda *a: pytest.fail("must not start"))
    assert cli.handle_serve(parse("--host", "0.0.0.0")) == 2
    assert "SECRET_KEY must be set" in capsys.readouterr().err
