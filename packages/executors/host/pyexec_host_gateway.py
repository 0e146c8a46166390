#!/usr/bin/python3 -I
"""pyexec-host-gateway: the read-only path of an SSH host that runs pyexec's code (pyexec-sandbox).

Run as root by the host's init (pyexec-gateway.service). It starts pyexec's two read-only gateways (Channel
Access and PV Access, on free ports of 127.0.0.1) and the relay with a new network namespace whose only
endpoints are relay sockets to them, then publishes, root-owned, /run/pyexec/gateway-NAME.json: the namespace
(a /proc path and its id) and the EPICS settings a client inside it uses. Refused writes are appended to
/run/pyexec/gateway-NAME.log (removed with the state), for pyexec-sandbox to tell the run. It exits when a part
ends (init restarts it), and on SIGTERM.

    pyexec-host-gateway [--config /etc/pyexec/host.json] [--name default] [--die-with-parent]

The config file (root's, not writable by others) is JSON: {"python": "/opt/pyexec/venv/bin/python" (with
caproto and p4p), "upstream": {"EPICS_CA_ADDR_LIST": "...", ...} (what the gateways read from)}.
Standard library only.
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

STATE_DIR = "/run/pyexec"
GATEWAY_DIR = "/usr/local/lib/pyexec/gateway"
REFUSAL = re.compile(r"^pyexec-ca-gateway: refused ")
PORT_IN_USE = 2
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


def fail(message):
    print(f"pyexec-host-gateway: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def load_config(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as error:
        fail(f"cannot read {path}: {error.strerror} (write it: see README, 'Security model')")
    with os.fdopen(fd) as f:
        st = os.fstat(f.fileno())
        if st.st_uid != 0 or st.st_mode & 0o022:
            fail(f"{path} must be root's and not writable by others")
        config = json.load(f)
    python = config.get("python")
    upstream = config.get("upstream") or {}
    if not isinstance(python, str) or not os.path.isabs(python) or not os.access(python, os.X_OK):
        fail(f"{path}: 'python' must be the absolute path of a Python with caproto and p4p")
    if not all(isinstance(k, str) and re.match(r"^EPICS_(CA|PVA)_[A-Z_]+$", k) and isinstance(v, str) for k, v in upstream.items()):
        fail(f"{path}: 'upstream' holds EPICS_CA_* / EPICS_PVA_* client settings (strings) only")
    return python, upstream


def free_port():
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind(("127.0.0.1", port))
                    return port
                except OSError:
                    continue


class Part:
    """A helper that prints its settings and `ready` on stdout, logs on stderr, and ends at end-of-file on stdin."""

    def __init__(self, name, argv, env, on_line):
        self.name = name
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = []
        threading.Thread(target=self._stderr, args=(on_line,), daemon=True).start()
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            if line == "ready":
                return
            self.lines.append(line)
        self.proc.wait()
        raise ChildProcessError(self.proc.returncode)

    def _stderr(self, on_line):
        for line in self.proc.stderr:
            on_line(line.rstrip("\n"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.terminate()
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def start(name, argv_for_ports, env, on_line):
    for attempt in range(3):
        try:
            return Part(name, argv_for_ports(), env, on_line)
        except ChildProcessError as error:
            if error.args[0] != PORT_IN_USE or attempt == 2:
                fail(f"{name} did not start (status {error.args[0]}): see the lines above")


def write_root_file(path, text, mode):
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="/etc/pyexec/host.json")
    parser.add_argument("--name", default="default", help="several gateways on one host: each its own name")
    parser.add_argument("--die-with-parent", action="store_true", help="exit when the process that started it ends")
    args = parser.parse_args()
    if os.geteuid() != 0:
        fail("needs root (the relay makes a network namespace)")
    if not NAME.match(args.name):
        fail("--name: lower-case letters, digits and '-', at most 32")
    python, upstream = load_config(args.config)
    os.makedirs(STATE_DIR, mode=0o755, exist_ok=True)
    state_path = os.path.join(STATE_DIR, f"gateway-{args.name}.json")
    log_path = os.path.join(STATE_DIR, f"gateway-{args.name}.log")
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    lock = threading.Lock()

    def on_line(line):
        with lock:
            print(line, file=sys.stderr, flush=True)
            if REFUSAL.match(line):
                os.write(log_fd, f"{line}\n".encode())

    # only the client settings go upstream: a stray EPICS_CAS_* would reconfigure the servers
    env = {k: v for k, v in os.environ.items() if not k.startswith("EPICS_")}
    env.update(upstream, PYTHONUNBUFFERED="1")
    ports = {}

    def ca_argv():
        ports["ca"] = free_port()
        return [python, os.path.join(GATEWAY_DIR, "pyexec_ca_gateway.py"), "--listen", "127.0.0.1", "--port", str(ports["ca"])]

    def pva_argv():
        return [python, os.path.join(GATEWAY_DIR, "pyexec_pva_gateway.py"), "--listen", "127.0.0.1",
                "--tcp-port", str(free_port()), "--udp-port", str(free_port())]

    parts = []

    def stop_all(*_):
        for part in reversed(parts):
            part.stop()
        for path in (state_path, log_path):
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass

    signal.signal(signal.SIGTERM, lambda *_: (stop_all(), os._exit(0)))
    try:
        parts.append(start("the read-only Channel Access gateway", ca_argv, env, on_line))
        parts.append(start("the read-only PV Access gateway", pva_argv, env, on_line))
        tcp, udp = map(int, next(l for l in parts[1].lines if l.startswith("pva ")).split()[1:3])
        ca = ports["ca"]
        relay = [python, os.path.join(GATEWAY_DIR, "pyexec_netns_relay.py"), "--new-netns",
                 "--tcp", f"127.0.0.1:{ca}=127.0.0.1:{ca}", "--udp", f"127.0.0.1:{ca}=127.0.0.1:{ca}",
                 "--tcp", f"127.0.0.1:{tcp}=127.0.0.1:{tcp}", "--pva-udp", f"127.0.0.1:{udp}=127.0.0.1:{udp}"]
        parts.append(start("the network namespace relay", lambda: relay, dict(os.environ), on_line))
        netns = next(l for l in parts[2].lines if l.startswith("netns ")).split(" ", 1)[1]
        state = {
            "pid": os.getpid(),
            "netns": netns,
            # pyexec-sandbox enters the namespace only if the path still names this one
            "netnsId": os.readlink(netns),
            "clientEnv": {
                "EPICS_CA_ADDR_LIST": "127.0.0.1", "EPICS_CA_AUTO_ADDR_LIST": "NO", "EPICS_CA_SERVER_PORT": str(ca),
                "EPICS_PVA_ADDR_LIST": "127.0.0.1", "EPICS_PVA_AUTO_ADDR_LIST": "NO",
                "EPICS_PVA_SERVER_PORT": str(tcp), "EPICS_PVA_BROADCAST_PORT": str(udp),
            },
            "log": log_path,
        }
        write_root_file(state_path, json.dumps(state), 0o644)
        print(f"ready {state_path}", flush=True)
        parent = os.getppid()
        while all(p.proc.poll() is None for p in parts):
            if args.die_with_parent and os.getppid() != parent:
                break
            time.sleep(0.5)
        ended = [p.name for p in parts if p.proc.poll() is not None]
        if ended:
            print(f"pyexec-host-gateway: {', '.join(ended)} ended", file=sys.stderr, flush=True)
        sys.exit(1 if ended else 0)
    finally:
        stop_all()


if __name__ == "__main__":
    main()
