#!/usr/bin/env python3
"""Runs what a script for the official Python SDK (segments-ai 1.x) does against segscope-server.

    sdk_contract.py SEGSCOPE_SERVER_BINARY MODELS_JSON [SDK_FIXTURES_DIR]

Python 3 standard library only (the SDK itself is not installable here). It starts the built
server as a child on 127.0.0.1:0 with a fresh data folder, then makes the SDK's calls with the
SDK's exact paths, methods, query strings and bodies (src/segments/client.py), and holds every
answer against the SDK's models (tests/data/sdk/models.json, see sdk_models.py), for objects
created with only the required input and with every optional field set. Errors are checked by
status and by the text the SDK maps to its exceptions. Exit status 1 lists every problem.

With SDK_FIXTURES_DIR (tests/data/api/sdk, written apart from the server from the same SDK), its
minimal and complete responses must fit models.json too: two readings of the SDK that disagree
mean one of them is wrong.
"""

import json
import os
import select
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import sdk_scenario
from sdk_models import Models


def sdk_exception(status, text):
    """The exception segments-ai 1.x raises for an error answer: it reads the text only."""
    text = text.lower()
    if "not found" in text or "does not exist" in text:
        return "NotFoundError"
    if "already exists" in text or "already have" in text:
        return "AlreadyExistsError"
    if "do not have permission" in text or "need to be an administrator" in text:
        return "AuthorizationError"
    return "NetworkError"


class Answer:
    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.text = body.decode("utf-8", "replace")
        self.headers = headers
        try:
            self.json = json.loads(self.text) if body else None
        except ValueError:
            self.json = None


class Server:
    """segscope-server as a child process, with users made by `segscope-server user add`."""

    def __init__(self, binary):
        self.binary = binary
        self.dir = tempfile.TemporaryDirectory(prefix="sdk-contract-")
        self.process = None
        self.url = None

    def add_user(self, name):
        out = subprocess.run([self.binary, "--data", self.dir.name, "user", "add", name],
                             capture_output=True, text=True, timeout=120, check=True).stdout
        return out.rsplit("API key", 1)[1].strip()

    def start(self):
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            [self.binary, "--data", self.dir.name, "--listen", "127.0.0.1:0", "--quiet",
             "--ready-fd", str(write_end)],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as ready:
            if not select.select([ready], [], [], 120)[0]:
                raise RuntimeError("segscope-server did not say it was ready within 120 s")
            line = ready.readline()
        if not line:
            raise RuntimeError(f"segscope-server ended early ({self.process.wait(30)})")
        self.url = json.loads(line)["url"] + "/"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            code = self.process.wait(60)
            if code != 0:
                raise RuntimeError(f"segscope-server exited with {code} on SIGTERM")
        self.dir.cleanup()


class Sdk:
    """The SDK's requests (client.py): urljoin(api_url, endpoint), JSON bodies, APIKey header."""

    def __init__(self, api_url, key, contract):
        self.api_url = api_url
        self.key = key
        self.contract = contract

    def send(self, method, endpoint, data=None, auth=True, url=None, body=None, headers=None):
        headers = dict(headers or {})
        if auth and self.key:
            headers["Authorization"] = f"APIKey {self.key}"
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        target = url or urllib.parse.urljoin(self.api_url, endpoint)
        request = urllib.request.Request(target, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as r:
                return Answer(r.status, r.read(), r.headers)
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read(), e.headers)

    def call(self, method, endpoint, data=None, status=200, model=None, many=False,
             parse=None):
        """One SDK call that must succeed with `status`; its JSON is held against `model`, after
        `parse(value, where)` when given (the SDK edits some answers before it parses them)."""
        answer = self.send(method, endpoint, data)
        where = f"{method} {endpoint}"
        if answer.status != status:
            self.contract.fail(f"{where}: status {answer.status}, expected {status}: "
                               f"{answer.text[:300]}")
            return None
        if model:
            values = answer.json if many else [answer.json]
            if many and not isinstance(values, list):
                self.contract.fail(f"{where}: expected a JSON list, got {answer.text[:100]}")
                return None
            for i, value in enumerate(values):
                at = f"{where} [{i}]" if many else where
                if parse:
                    value = parse(value, at)
                if model == "Label":
                    self.contract.report(self.contract.models.check_label(value, at))
                else:
                    self.contract.report(self.contract.models.check(value, model, at))
        return answer.json

    def error(self, method, endpoint, status, exception, data=None):
        """One SDK call that must fail with `status`, which the SDK turns into `exception`."""
        answer = self.send(method, endpoint, data)
        where = f"{method} {endpoint}"
        if answer.status != status:
            self.contract.fail(f"{where}: status {answer.status}, expected {status}: "
                               f"{answer.text[:300]}")
        elif sdk_exception(status, answer.text) != exception:
            self.contract.fail(f"{where}: the SDK would raise {sdk_exception(status, answer.text)}"
                               f" for {answer.text[:200]!r}, expected {exception}")
        elif not isinstance(answer.json, dict):
            self.contract.fail(f"{where}: the error body is not a JSON object: {answer.text[:200]}")
        return answer


class Contract:
    def __init__(self, models):
        self.models = models
        self.problems = []
        self.checks = 0

    def fail(self, message):
        self.problems.append(message)

    def report(self, problems):
        self.checks += 1
        self.problems.extend(problems)

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.problems.append(message)


# Fixtures that hold values the SDK's models refuse on purpose (the client must keep them).
DELIBERATELY_UNKNOWN = {"dataset-complete.json"}  # an input_type "vector3d"
FIXTURE_MODELS = {"dataset": "Dataset", "file": "File", "label": "Label", "labelset": "Labelset",
                  "sample": "Sample", "user": "User"}


def check_fixtures(contract, directory):
    for name in sorted(os.listdir(directory)):
        kind = name.split("-")[0]
        if (not name.endswith(("-minimal.json", "-complete.json")) or name in DELIBERATELY_UNKNOWN
                or kind not in FIXTURE_MODELS):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            value = json.load(f)
        where = f"fixture {name}"
        if kind == "label":
            contract.report(contract.models.check_label(value, where))
        else:
            contract.report(contract.models.check(value, FIXTURE_MODELS[kind], where))


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    contract = Contract(Models(sys.argv[2]))
    if len(sys.argv) == 4:
        check_fixtures(contract, sys.argv[3])
    server = Server(sys.argv[1])
    try:
        alice = server.add_user("alice")
        bob = server.add_user("bob")
        server.start()
        sdk_scenario.run(Sdk(server.url, alice, contract), Sdk(server.url, bob, contract),
                         Sdk(server.url, "0123456789abcdef", contract), contract)
    finally:
        server.stop()
    for problem in contract.problems:
        print("FAIL", problem)
    print(f"{contract.checks} checks, {len(contract.problems)} problems")
    return 1 if contract.problems else 0


if __name__ == "__main__":
    sys.exit(main())
