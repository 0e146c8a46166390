# class: channel
# why: a site XML-RPC control server exposes caput; ServerProxy(...).caput writes the PV remotely
"""Ask the control-room XML-RPC service to apply the new chromaticity."""
import xmlrpc.client

server = xmlrpc.client.ServerProxy("http://ctlsrv.ctl.local:9000/RPC2", allow_none=True)

print("service version:", server.version())
for plane, value in (("X", 1.8), ("Y", 2.1)):
    ok = server.caput(f"SR:CHROM:{plane}_SP", value)
    print(plane, "->", value, "ok" if ok else "failed")
