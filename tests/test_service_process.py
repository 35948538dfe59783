"""The real `replylint serve` as a subprocess on a free loopback port: keep-alive, a slow client
that does not hold up others, bad traffic answered in JSON, and the command's own refusals."""
from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys

import pytest

from .served import start_server

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

BAD = "Oh no, please calm down. I'll get back to you soon."
TOKEN = "test-token-1234"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def served():
    process, port = start_server("--allow-origin", "https://desk.example", env={"REPLYLINT_TOKEN": TOKEN})
    yield port
    process.terminate()
    process.wait(timeout=30)


def _ask(connection, method, path, body=None, headers=None) -> tuple[int, dict]:
    payload = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode("utf-8")
    connection.request(method, path, body=payload, headers={**AUTH, **(headers or {})})
    response = connection.getresponse()
    return response.status, json.loads(response.read().decode("utf-8"))


def test_keep_alive_serves_many_requests_over_one_connection(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    connection.connect()
    local = connection.sock.getsockname()
    for text in [BAD, "YOU MUST RESTART IT!!", "Thanks for writing."] * 3:
        status, data = _ask(connection, "POST", "/v1/lint", {"text": text})
        assert status == 200 and isinstance(data["findings"], list)
        assert connection.sock.getsockname() == local  # the same connection, not a reconnect
    connection.close()


def test_accepted_connections_send_without_waiting_for_acks():
    """A response's headers and body are separate writes; with Nagle's algorithm on, the body of
    every keep-alive response after the first waited for the client's delayed ACK (~40 ms)."""
    from replylint.service.runner import bind

    listener = bind("127.0.0.1", 0)
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    try:
        assert accepted.proto == socket.IPPROTO_TCP  # what asyncio looks for before it sets TCP_NODELAY
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        for s in (accepted, client, listener):
            s.close()


def test_a_stalled_client_does_not_stop_another(served):
    stalled = socket.create_connection(("127.0.0.1", served), timeout=30)
    body = json.dumps({"text": BAD}).encode()
    stalled.sendall(f"POST /v1/lint HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                    + body[:len(body) // 2])
    try:
        other = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
        status, data = _ask(other, "POST", "/v1/lint", {"text": BAD})
        assert status == 200 and "calm-down" in {f["rule_id"] for f in data["findings"]}
        other.close()
        stalled.sendall(body[len(body) // 2:])  # the stalled one is answered once it finishes
        assert stalled.recv(64).startswith(b"HTTP/1.1 200")
    finally:
        stalled.close()


@pytest.mark.parametrize("method,path,body,headers,status", [
    ("POST", "/v1/lint", b"{not json", {}, 400),
    ("POST", "/v1/lint", {"text": ["a list"]}, {}, 400),
    ("POST", "/v1/lint", {"text": "x" * 70_000}, {}, 413),
    ("POST", "/v1/lint", {"text": BAD}, {"Authorization": ""}, 401),
    ("POST", "/v1/lint", {"text": BAD}, {"Authorization": "Bearer wrong"}, 401),
    ("OPTIONS", "/v1/lint", None, {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}, 403),
    ("DELETE", "/v1/lint", None, {}, 405),
    ("PUT", "/v1/fix", None, {}, 405),
    ("GET", "/nowhere", None, {}, 404),
])
def test_bad_traffic_gets_json_errors_and_the_next_request_answers(served, method, path, body, headers, status):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    got, data = _ask(connection, method, path, body, headers)
    assert got == status and data["error"]
    connection.close()
    fresh = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    assert _ask(fresh, "POST", "/v1/lint", {"text": BAD})[0] == 200
    fresh.close()


def test_an_allowed_origin_preflight_is_answered(served):
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    connection.request("OPTIONS", "/v1/lint", headers={"Origin": "https://desk.example",
                                                       "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "authorization,content-type"})
    response = connection.getresponse()
    response.read()
    assert response.status == 200 and response.getheader("access-control-allow-origin") == "https://desk.example"
    connection.close()


def _refusal(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "REPLYLINT_TOKEN"}
    return subprocess.run([sys.executable, "-m", "replylint", "serve", *args], capture_output=True, text=True,
                          timeout=120, env={**environment, **(env or {})})


def test_another_address_needs_a_token():
    result = _refusal("--host", "0.0.0.0", "--port", "0")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "needs a token" in result.stderr


def test_an_unreadable_token_file_is_one_line(tmp_path):
    result = _refusal("--token-file", str(tmp_path / "missing"), "--port", "0")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "missing" in result.stderr


def test_a_taken_port_is_a_one_line_error(served):
    result = _refusal("--port", str(served))
    assert result.returncode == 2
    assert result.stderr.startswith("replylint: cannot listen on 127.0.0.1:") and result.stderr.count("\n") == 1


def test_two_workers_each_answer(tmp_path):
    process, port = start_server("--workers", "2")
    try:
        for _ in range(6):  # new connections, spread over the workers by the kernel
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", "/v1/lint", body=json.dumps({"text": BAD}), headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            assert response.status == 200 and json.loads(response.read())["findings"]
            connection.close()
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_bad_option_is_one_line_whatever_the_workers(workers):
    result = _refusal("--port", "0", "--workers", workers, "--select", "no-such-rule")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no-such-rule" in result.stderr
