"""Drive headless Chromium (Debian's package) over its DevTools pipe and collect every console
message, so the audit sees Content-Security-Policy violations a real browser reports, in the
signed-in admin too. Standard library only: the protocol is JSON messages ending in NUL on fds 3/4.
"""

import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time


def _pipe_to_fds_3_and_4(commands, replies):
    # Move both out of the way first, in case either already is fd 3 or 4. dup2 leaves the
    # copies inheritable; every other descriptor Python opened closes on exec.
    commands, replies = (
        fcntl.fcntl(commands, fcntl.F_DUPFD, 10),
        fcntl.fcntl(replies, fcntl.F_DUPFD, 10),
    )
    os.dup2(commands, 3)
    os.dup2(replies, 4)


class Browser:
    def __init__(self):
        self.binary = shutil.which("chromium") or shutil.which("chromium-browser")
        self.profile = tempfile.mkdtemp(prefix="audit-chromium-")
        to_browser_read, self._write_fd = os.pipe()
        self._read_fd, from_browser_write = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        self.process = subprocess.Popen(
            [
                self.binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--ignore-certificate-errors", "--no-first-run", "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}", "about:blank",
            ],
            close_fds=False,
            preexec_fn=lambda: _pipe_to_fds_3_and_4(to_browser_read, from_browser_write),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._read_fd], [], [], remaining)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._read_fd, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, session=False, timeout=20, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, timeout=20):
        deadline = time.monotonic() + timeout
        for index, seen in enumerate(self.events):
            if seen.get("method") == event:
                del self.events[index]
                return seen
        while True:
            message = self._read_message(deadline)
            if message.get("method") == event:
                return message
            self.events.append(message)

    def open(self, url):
        self.forget("Page.loadEventFired")
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")
        # Let deferred scripts run and report.
        self.call("Runtime.evaluate", session=True, expression="1", awaitPromise=True)
        time.sleep(0.3)

    def forget(self, event):
        self.events = [e for e in self.events if e.get("method") != event]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression)
        return result.get("result", {}).get("value")

    def console_messages(self):
        """Console and browser log lines so far (CSP violations arrive as Log.entryAdded)."""
        lines = []
        for event in self.events:
            if event.get("method") == "Log.entryAdded":
                entry = event["params"]["entry"]
                lines.append(f"{entry['level']}: {entry['text']} ({entry.get('url', '')})")
            elif event.get("method") == "Runtime.consoleAPICalled":
                args = event["params"]["args"]
                text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in args)
                lines.append(f"{event['params']['type']}: {text}")
            elif event.get("method") == "Runtime.exceptionThrown":
                lines.append(f"exception: {event['params']['exceptionDetails'].get('text')}")
        self.events = [
            e
            for e in self.events
            if e.get("method")
            not in ("Log.entryAdded", "Runtime.consoleAPICalled", "Runtime.exceptionThrown")
        ]
        return lines

    def close(self):
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._read_fd)
        os.close(self._write_fd)
        shutil.rmtree(self.profile, ignore_errors=True)
