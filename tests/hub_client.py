"""A learner at a workshop, seen from outside: signs in to the room's hub with the room's
password, starts their server, and runs a lesson's cells in a kernel of that server, as
JupyterLab would (the kernel protocol over the server's websocket)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent


class HubError(AssertionError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningRoom:
    """`workshop/start` in the background, on 127.0.0.1, with its output in `log`."""

    def __init__(self, mode: str, room_dir: Path, log: Path, env: dict[str, str] | None = None):
        self.mode = mode
        self.room_dir = room_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {
            **os.environ,
            "LAYERLAB_ROOM_DIR": str(room_dir),
            # Every port the room opens, free now: not the public port plus one and two.
            "LAYERLAB_ROOM_CACHE_PORT": str(free_port()),
            "LAYERLAB_ROOM_HUB_PORT": str(free_port()),
            "LAYERLAB_ROOM_PROXY_API_PORT": str(free_port()),
            **(env or {}),
        }
        self.began = time.monotonic()
        command = ["bash", str(REPO / "workshop" / "start"), "--engine", mode]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
        try:
            self._wait_for_hub()
        except HubError:
            self.stop()
            raise
        self.password = (room_dir / "state" / "room-password").read_text().strip()

    def _wait_for_hub(self, timeout: float = 900) -> None:
        # The first start installs two environments; later ones reuse them.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"workshop/start stopped:\n{self.tail()}")
            try:
                if requests.get(f"{self.url}/hub/api", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise HubError(f"the room's hub did not answer:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> float:
        """Ctrl-C, as the instructor stops the room; the seconds it took."""
        began = time.monotonic()
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                raise HubError(f"the room did not stop in two minutes:\n{self.tail()}") from None
        return time.monotonic() - began

    @staticmethod
    def clean_up_room(room_dir: Path) -> None:
        done = subprocess.run(
            ["bash", str(REPO / "workshop" / "clean-up")],
            env={**os.environ, "LAYERLAB_ROOM_DIR": str(room_dir)},
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise HubError(f"workshop/clean-up failed:\n{done.stdout}{done.stderr}")


@dataclass
class Learner:
    hub: str
    name: str
    session: requests.Session = field(default_factory=requests.Session)
    token: str = ""

    def sign_in(self, password: str) -> requests.Response:
        """The login form, as a browser sends it (with the form's XSRF token)."""
        self.session.get(f"{self.hub}/hub/login", timeout=30).raise_for_status()
        return self.session.post(
            f"{self.hub}/hub/login?next=/hub/home",
            data={
                "username": self.name,
                "password": password,
                "_xsrf": self.session.cookies.get("_xsrf", path="/hub/"),
            },
            timeout=120,
        )

    def make_token(self) -> None:
        """A token of the learner's own, as JupyterHub's token page makes one."""
        answer = self.session.post(
            f"{self.hub}/hub/api/users/{self.name}/tokens",
            json={"note": "workshop test"},
            headers={"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/")},
            timeout=30,
        )
        if answer.status_code != 201:
            raise HubError(f"{self.name} got no token: {answer.status_code} {answer.text}")
        self.token = answer.json()["token"]

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.hub}{path}", headers=headers, timeout=60, **kwargs)

    def start_server(self, timeout: float) -> float:
        """Ask the hub for the learner's server; the seconds until it is ready."""
        began = time.monotonic()
        answer = self.api("POST", f"/hub/api/users/{self.name}/server")
        if answer.status_code not in (201, 202, 400):  # 400: already starting or running
            raise HubError(f"{self.name}'s server: {answer.status_code} {answer.text}")
        while time.monotonic() - began < timeout:
            server = self.api("GET", f"/hub/api/users/{self.name}").json()["servers"].get("", {})
            if server.get("ready"):
                return time.monotonic() - began
            if not server:
                raise HubError(f"{self.name}'s server stopped while starting: see the hub's log")
            time.sleep(1)
        raise HubError(f"{self.name}'s server was not ready after {timeout:.0f} s")

    def read_notebook(self, path: str) -> dict:
        answer = self.api("GET", f"/user/{self.name}/api/contents/{path}")
        if answer.status_code != 200:
            raise HubError(f"{self.name} cannot read {path}: {answer.status_code}")
        return answer.json()["content"]

    def run_notebook(self, path: str, timeout: float = 900) -> list[str]:
        """Run every code cell of the learner's `path` in a new kernel of their server, in
        the notebook's folder. Returns the outputs' text, cell by cell; raises on the first
        cell that fails."""
        notebook = self.read_notebook(path)
        cells = [
            "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"
        ]
        return self.run_cells(cells, path.rpartition("/")[0], path, timeout)

    def run_code(self, code: str, timeout: float = 120) -> str:
        return self.run_cells([code], "", "a cell", timeout)[0]

    def run_cells(self, cells: list[str], folder: str, where: str, timeout: float) -> list[str]:
        kernel = self.api(
            "POST", f"/user/{self.name}/api/kernels", json={"name": "python3", "path": folder}
        )
        if kernel.status_code != 201:
            raise HubError(f"{self.name} could not start a kernel: {kernel.text}")
        kernel_id = kernel.json()["id"]
        try:
            return asyncio.run(self._execute(kernel_id, cells, where, timeout))
        finally:
            self.api("DELETE", f"/user/{self.name}/api/kernels/{kernel_id}")

    async def _execute(self, kernel_id: str, cells: list[str], path: str, timeout: float):
        url = self.hub.replace("http", "ws", 1)
        request = HTTPRequest(
            f"{url}/user/{self.name}/api/kernels/{kernel_id}/channels",
            headers={"Authorization": f"token {self.token}"},
        )
        socket = await websocket_connect(request)
        outputs: list[str] = []
        try:
            deadline = time.monotonic() + timeout
            for number, code in enumerate(cells, 1):
                outputs.append(
                    await self._run_cell(socket, code, deadline, f"{path} cell {number}")
                )
        finally:
            socket.close()
        return outputs

    async def _run_cell(self, socket, code: str, deadline: float, where: str) -> str:
        msg_id = uuid.uuid4().hex
        socket.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": self.name,
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {"code": code, "silent": False, "stop_on_error": True},
                    "channel": "shell",
                }
            )
        )
        text: list[str] = []
        replied = idle = False
        while not (replied and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                raise HubError(f"{where} did not finish in time")
            raw = await asyncio.wait_for(socket.read_message(), left)
            if raw is None:
                raise HubError(f"{where}: the kernel's connection closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "error":
                raise HubError(f"{where} failed:\n" + "\n".join(content["traceback"]))
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("display_data", "execute_result"):
                data = content["data"]
                text.append(data.get("text/markdown") or data.get("text/plain", ""))
            elif kind == "execute_reply":
                replied = True
                if content["status"] != "ok":
                    raise HubError(f"{where}: {content.get('ename')}: {content.get('evalue')}")
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return "".join(text)
