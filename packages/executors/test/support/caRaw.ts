/** CA by hand with caproto's protocol objects: search, create the channel, then write whatever the rights say. */
export const rawWrites = (pv: string, port: number) => `
import json, socket
import caproto as ca
name, port = ${JSON.stringify(pv)}, ${port}
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.settimeout(0.5)
b = ca.Broadcaster(ca.CLIENT)
for _ in range(20):
    udp.sendto(b.send(ca.VersionRequest(0, 13), ca.SearchRequest(name, 1, 13)), ("127.0.0.1", port))
    try:
        data, addr = udp.recvfrom(4096)
        break
    except socket.timeout:
        pass
reply = [c for c in b.recv(data, addr) if isinstance(c, ca.SearchResponse)][0]
sock = socket.create_connection(("127.0.0.1", reply.port), timeout=5)
circuit = ca.VirtualCircuit(ca.CLIENT, ("127.0.0.1", reply.port), 0)
def send(*commands):
    sock.sendall(b"".join(circuit.send(*commands)))
received = []
def until(kinds):
    while True:
        while received:
            command = received.pop(0)
            circuit.process_command(command)
            if isinstance(command, kinds):
                return command
        commands, _ = circuit.recv(sock.recv(4096))
        received.extend(commands)
chan = ca.ClientChannel(name, circuit)
send(ca.VersionRequest(0, 13), ca.HostNameRequest("evil"), ca.ClientNameRequest("mallory"))
send(chan.create())
rights = until(ca.AccessRightsResponse)
until(ca.CreateChanResponse)
out = {"access": rights.access_rights.name}
def attempt(label, request):
    send(request)
    response = until((ca.ErrorResponse, ca.WriteNotifyResponse))
    out[label] = f"{type(response).__name__} {response.status.name}"
attempt("WriteRequest", ca.WriteRequest(data=[9.5], data_type=ca.ChannelType.DOUBLE, data_count=1, sid=chan.sid, ioid=7))
attempt("WriteNotifyRequest", ca.WriteNotifyRequest(data=[9.5], data_type=ca.ChannelType.DOUBLE, data_count=1, sid=chan.sid, ioid=8))
attempt("WriteNotifyRequest PUT_ACKT", ca.WriteNotifyRequest(data=[0], data_type=ca.ChannelType.PUT_ACKT, data_count=1, sid=chan.sid, ioid=9))
send(chan.read(ioid=10))
value = float(until(ca.ReadNotifyResponse).data[0])
out["then a read"] = "changed" if value == 9.5 else "read ok"
print(json.dumps(out))
`
