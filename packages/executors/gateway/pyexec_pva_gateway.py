"""pyexec's read-only PV Access gateway: p4p's pvagw, run with a configuration made here.

    python pyexec_pva_gateway.py --listen 127.0.0.1 --tcp-port PORT --udp-port PORT

Two locks keep it read-only: `"readOnly": true`, with which pvagw never grants PUT or RPC to a channel, and an
access security file whose only rule is READ, which would still hold if readOnly were switched off. A put or
an RPC gets an error the client sees; gets and monitors pass.

Upstream comes from the standard client environment: EPICS_PVA_ADDR_LIST, EPICS_PVA_AUTO_ADDR_LIST,
EPICS_PVA_SERVER_PORT, EPICS_PVA_BROADCAST_PORT. Downstream it serves on --listen, TCP --tcp-port (0: any)
and UDP searches on --udp-port, sends no beacons. Prints `pva <tcp port> <udp port>` (as bound) and `ready`;
exits at end-of-file on stdin or on SIGTERM.
"""
import argparse
import json
import logging
import os
import sys
import tempfile
import threading

READ_ONLY_ACF = """\
ASG(DEFAULT) {
    RULE(1, READ)
}
"""


def config(listen, tcp_port, udp_port, acf_file):
    env = os.environ
    upstream = {
        "name": "upstream",
        "provider": "pva",
        "addrlist": env.get("EPICS_PVA_ADDR_LIST", ""),
        "autoaddrlist": env.get("EPICS_PVA_AUTO_ADDR_LIST", "YES").upper() != "NO",
    }
    if env.get("EPICS_PVA_SERVER_PORT"):
        upstream["serverport"] = int(env["EPICS_PVA_SERVER_PORT"])
    if env.get("EPICS_PVA_BROADCAST_PORT"):
        upstream["bcastport"] = int(env["EPICS_PVA_BROADCAST_PORT"])
    downstream = {
        "name": "downstream",
        "clients": ["upstream"],
        "interface": [listen],
        "addrlist": "",
        "autoaddrlist": False,
        "serverport": tcp_port,
        "bcastport": udp_port,
        "access": acf_file,
    }
    return {"version": 2, "readOnly": True, "clients": [upstream], "servers": [downstream]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", default="127.0.0.1")
    parser.add_argument("--tcp-port", type=int, default=0)
    parser.add_argument("--udp-port", type=int, required=True)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="pyexec-pva-gateway: %(levelname)s %(name)s: %(message)s")

    from p4p.gw import App, getargs

    settings = config(args.listen, args.tcp_port, args.udp_port, "read-only.acf")
    # pvagw reads its files while it starts; they are not needed afterwards.
    with tempfile.TemporaryDirectory(prefix="pyexec-pvagw-") as directory:
        with open(os.path.join(directory, "read-only.acf"), "w") as f:
            f.write(READ_ONLY_ACF)
        config_file = os.path.join(directory, "pvagw.conf")
        with open(config_file, "w") as f:
            json.dump(settings, f, indent=2)
        try:
            app = App(getargs().parse_args([config_file]))
        except SystemExit:
            print(f"pyexec-pva-gateway: pvagw did not start with {json.dumps(settings)}", file=sys.stderr, flush=True)
            raise

    # pvagw names a server '<name>_<index of its interface>'.
    effective = app.servers["downstream_0"].conf()
    tcp_port = int(effective["EPICS_PVAS_SERVER_PORT"])
    udp_port = int(effective["EPICS_PVAS_BROADCAST_PORT"])
    if (args.tcp_port and tcp_port != args.tcp_port) or udp_port != args.udp_port:
        print(f"pyexec-pva-gateway: asked for TCP {args.tcp_port} and UDP {args.udp_port}, got TCP {tcp_port} and "
              f"UDP {udp_port}: is the port in use?", file=sys.stderr, flush=True)
        os._exit(2)
    print(f"pva {tcp_port} {udp_port}", flush=True)
    print("ready", flush=True)
    # A daemon thread waits for end-of-file on stdin, so the gateway dies with its parent.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    app.run()


if __name__ == "__main__":
    main()
