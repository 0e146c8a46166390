"""pyexec's read-only Channel Access gateway.

Downstream it is a Channel Access server (caproto's asyncio server) that serves every PV the upstream control
system has; upstream it is a Channel Access client (caproto's asyncio client) that only reads and subscribes.
Reads are passed through in the DBR type the client asks for, so the IOC's own conversions and metadata
(units, limits, precision, enum strings, alarm status and severity, timestamps) reach the client unchanged;
one upstream subscription per (PV, DBR type, mask) feeds every downstream subscription that asks for it.

Every downstream write (WriteRequest, WriteNotifyRequest) is refused with ECA_NOWTACCESS, as an IOC answers a
client without write access, and logged to stderr. Nothing in this file sends a write upstream: the upstream
side is the class UpstreamChannel, which only calls `read` and `subscribe` of caproto's client, and a test
(packages/executors/test/gateway.test.ts) checks that no write or put function is called anywhere in it.

    python pyexec_ca_gateway.py --listen 127.0.0.1 --port PORT [--idle-seconds 60]

Upstream comes from the standard client environment: EPICS_CA_ADDR_LIST, EPICS_CA_AUTO_ADDR_LIST,
EPICS_CA_SERVER_PORT. Downstream it listens on ADDR:PORT for both UDP searches and TCP circuits (the same
number, so a relay can forward both under it). Prints `ready` once listening; exits at end-of-file on stdin
or on SIGTERM.
"""
import argparse
import asyncio
import functools
import logging
import os
import signal
import socket
import sys
import threading
import time

# Server-side settings only (the upstream client reads EPICS_CA_*): this server announces itself to nobody.
os.environ["EPICS_CAS_AUTO_BEACON_ADDR_LIST"] = "NO"
os.environ["EPICS_CAS_BEACON_ADDR_LIST"] = "127.0.0.1"

import caproto as ca  # noqa: E402
import numpy  # noqa: E402
from caproto import AccessRights, ChannelData, ChannelType  # noqa: E402
from caproto._data import _channel_type_by_name  # noqa: E402
from caproto.asyncio.client import Context as ClientContext  # noqa: E402
from caproto.asyncio.server import Context as ServerContext  # noqa: E402
from caproto.asyncio.server import VirtualCircuit as ServerCircuit  # noqa: E402
from caproto.asyncio.utils import _DatagramProtocol, _UdpTransportWrapper  # noqa: E402

log = logging.getLogger("pyexec-ca-gateway")

# How long a search for a name the gateway does not know yet runs upstream before it is given up. CA clients
# retry their searches; a retry after that starts a new upstream search.
SEARCH_WINDOW_S = 5.0
UPSTREAM_TIMEOUT_S = 5.0
PROTOCOL_VERSION = ca.DEFAULT_PROTOCOL_VERSION
# The value of these types is the DBR struct itself; there is no array after it.
STRUCT_ONLY_TYPES = (ChannelType.CLASS_NAME, ChannelType.STSACK_STRING)


def upstream_name(name):
    """The upstream name for a downstream one: channel filters (`PV.VAL{...}`) are applied by this server."""
    if "{" not in name:
        return name
    return ca.parse_record_field(name).record_dot_field


class UpstreamChannel:
    """One channel to the upstream control system. It reads and subscribes; it has no other operation."""

    def __init__(self, pv):
        self._pv = pv
        self.monitors = {}  # (ChannelType, mask) -> Monitor

    @property
    def connected(self):
        return self._pv.connected

    @property
    def native_type(self):
        return self._pv.channel.native_data_type

    @property
    def native_count(self):
        return self._pv.channel.native_data_count

    async def read(self, data_type):
        # data_count=0 asks the IOC for the current length of a variable-length array.
        response = await self._pv.read(data_type=data_type, data_count=0, timeout=UPSTREAM_TIMEOUT_S)
        return wire_values(data_type, response)

    def monitor(self, data_type, mask, queue):
        key = (data_type, int(mask))
        if key not in self.monitors:
            subscription = self._pv.subscribe(data_type=data_type, data_count=0, mask=mask)
            self.monitors[key] = Monitor(subscription, mask, queue)
        return self.monitors[key]

    async def stop_monitors(self):
        for monitor in list(self.monitors.values()):
            await monitor.stop()
        self.monitors.clear()

def wire_values(data_type, response):
    """(metadata, values) of an upstream response in the form caproto's server sends them on."""
    if data_type in STRUCT_ONLY_TYPES:
        return response.metadata, b""
    data = response.data
    if isinstance(data, ca.DbrStringArray):
        data = list(data)  # caproto's server counts elements of lists and arrays only
    return response.metadata, data


class Monitor:
    """One upstream subscription that feeds every downstream subscription asking for the same type and mask."""

    def __init__(self, subscription, mask, queue):
        self._subscription = subscription
        self._mask = mask
        self._queue = queue
        self.specs = set()  # caproto SubscriptionSpecs of the downstream subscriptions it feeds
        self.last = None  # (metadata, values) of the latest event
        # caproto's client holds callbacks weakly; this Monitor lives in UpstreamChannel.monitors.
        self._token = subscription.add_callback(self._on_event)

    async def _on_event(self, subscription, response):
        self.last = wire_values(ChannelType(response.data_type), response)
        if self.specs:
            metadata, values = self.last
            self._queue.put_nowait((tuple(self.specs), metadata, values, self._mask, None))

    def add(self, sub_spec, sub):
        self.specs.add(sub_spec)
        if self.last is not None:
            # The new subscription gets the current value now; later events go to all.
            metadata, values = self.last
            self._queue.put_nowait(((sub_spec,), metadata, values, 0, sub))

    async def stop(self):
        await self._subscription.clear()


class ReadOnlyChannel(ChannelData):
    """The downstream face of an upstream channel: reads and subscriptions go upstream; access is READ."""

    def __init__(self, upstream, name):
        super().__init__(value=None, reported_record_type="pyexec-gateway")
        self.upstream = upstream
        self.name = name
        self.data_type = upstream.native_type
        self._max_length = max(upstream.native_count, 1)

    @property
    def long_string_max_length(self):
        return self._max_length

    def check_access(self, hostname, username):
        return AccessRights.READ

    async def read(self, data_type):
        if data_type in ca._dbr._LongStringChannelType:
            data_type = ChannelType(data_type)
        return await self.upstream.read(data_type)

    async def auth_write(self, *args, **kwargs):
        raise ca.CaprotoRuntimeError("read-only gateway: writes are refused")

    write_from_dbr = auth_write
    write = auth_write
    write_metadata = auth_write

    async def subscribe(self, queue, sub_spec, sub):
        data_type = ChannelType(int(_channel_type_by_name[sub_spec.data_type_name]))
        self.upstream.monitor(data_type, sub_spec.mask, queue).add(sub_spec, sub)

    async def unsubscribe(self, queue, sub_spec):
        data_type = ChannelType(int(_channel_type_by_name[sub_spec.data_type_name]))
        key = (data_type, int(sub_spec.mask))
        monitor = self.upstream.monitors.get(key)
        if monitor is None:
            return
        monitor.specs.discard(sub_spec)
        if not monitor.specs:
            del self.upstream.monitors[key]
            await monitor.stop()


class Entry:
    """What the gateway knows of one upstream name."""

    def __init__(self, name):
        self.name = name
        self.pv = None  # caproto's client PV
        self.upstream = None  # UpstreamChannel over that PV
        self.channel = None  # ReadOnlyChannel while the upstream channel is connected
        self.served = asyncio.Event()
        self.last_used = time.monotonic()


class UpstreamDatabase:
    """caproto's server looks PVs up here as in a dict (its `pvdb`). A name not connected upstream yet is
    looked up there, and is missing until it connects; channels nobody uses for `idle_s` are released."""

    def __init__(self, client, idle_s):
        self._client = client
        self._idle_s = idle_s
        self._entries = {}
        self.server = None  # the GatewayServer, to tell its clients of upstream disconnections

    # The mapping caproto's server uses.
    def __getitem__(self, name):
        entry = self.request(upstream_name(name))
        if "{" in name or entry.channel is None:
            # For `PV{filter}` caproto's server falls back to the plain name and applies the filter itself.
            raise KeyError(name)
        entry.last_used = time.monotonic()
        return entry.channel

    def __setitem__(self, name, value):
        pass  # caproto caches `record.FIELD` aliases here; names are resolved upstream each time instead

    def __contains__(self, name):
        entry = self._entries.get(upstream_name(name))
        return entry is not None and entry.channel is not None

    def __iter__(self):
        return iter([name for name, entry in self._entries.items() if entry.channel is not None])

    def __len__(self):
        return len(list(iter(self)))

    def items(self):
        return [(name, entry.channel) for name, entry in self._entries.items() if entry.channel is not None]

    def request(self, name):
        entry = self._entries.get(name)
        if entry is None:
            entry = self._entries[name] = Entry(name)
            asyncio.get_running_loop().create_task(self._connect(entry))
        return entry

    async def wait_served(self, name, timeout):
        entry = self.request(name)
        try:
            await asyncio.wait_for(entry.served.wait(), timeout)
        except asyncio.TimeoutError:
            return False
        return True

    async def _connect(self, entry):
        try:
            (entry.pv,) = await self._client.get_pvs(entry.name, timeout=UPSTREAM_TIMEOUT_S)
            entry.upstream = UpstreamChannel(entry.pv)
            # caproto's client holds callbacks weakly: the entry keeps this one.
            entry.on_connection = functools.partial(self._on_connection, entry)
            entry.pv.connection_state_callback.add_callback(entry.on_connection, run=True)
            await entry.pv.wait_for_connection(timeout=SEARCH_WINDOW_S)
        except Exception as error:  # CaprotoTimeoutError: no upstream server has the name
            if self._entries.get(entry.name) is entry and entry.channel is None:
                log.debug("giving up %s: %s", entry.name, error)
                await self._release(entry)

    async def _on_connection(self, entry, pv, state):
        if state == "connected" and entry.channel is None and pv.connected:
            entry.channel = ReadOnlyChannel(entry.upstream, entry.name)
            entry.served.set()
            log.debug("connected %s upstream", entry.name)
        elif state == "disconnected" and entry.channel is not None:
            channel, entry.channel = entry.channel, None
            entry.served.clear()
            await entry.upstream.stop_monitors()
            if self.server is not None:
                await self.server.disconnect_channels(channel)

    async def _release(self, entry):
        """Forgets an upstream name: clears its channel on the IOC, or stops searching for it."""
        self._entries.pop(entry.name, None)
        entry.channel = None
        if entry.upstream is not None:
            await entry.upstream.stop_monitors()
        pv = entry.pv
        if pv is not None and pv.connected:
            try:
                await pv.go_idle()
            except Exception:  # the circuit may be gone already
                log.debug("clearing %s upstream failed", entry.name, exc_info=True)
        self._client.pvs.pop((entry.name, 0), None)
        self._client.pvs_needing_circuits.pop(entry.name, None)
        # The next request for the name starts afresh with a search. Directly on caproto 1.2.0's state: its
        # SearchResults.cancel() looks searches up by the wrong key, and a cached result of a channel that
        # was created breaks its next lookup (get_cached_search_result subtracts a marker from a time).
        results = self._client.broadcaster.results
        with results._lock:
            for search_id, search in list(results._unanswered_searches.items()):
                if search.name == entry.name:
                    del results._unanswered_searches[search_id]
            results._searches_by_name.pop(entry.name, None)
            for address in list(results.name_to_addrs.get(entry.name, {})):
                results.mark_channel_disconnected(entry.name, address)

    async def sweep_idle(self, names_in_use):
        now = time.monotonic()
        for name, entry in list(self._entries.items()):
            if name in names_in_use or (entry.upstream is not None and entry.upstream.monitors):
                entry.last_used = now
            elif entry.upstream is not None and now - entry.last_used > self._idle_s:
                log.debug("releasing idle channel %s", name)
                await self._release(entry)


class ReadOnlyCircuit(ServerCircuit):
    """A downstream client's TCP circuit. Writes never reach a channel: they are answered here."""

    async def _process_command(self, command):
        if isinstance(command, (ca.WriteRequest, ca.WriteNotifyRequest)):
            return self._refuse(command)
        return await super()._process_command(command)

    def _refuse(self, command):
        chan = self.circuit.channels_sid[command.sid]
        host, port = self.circuit.address
        print(
            f"pyexec-ca-gateway: refused {type(command).__name__} to {chan.name} from {host}:{port} "
            f"({self.client_username}@{self.client_hostname}): read-only gateway",
            file=sys.stderr, flush=True,
        )
        if isinstance(command, ca.WriteNotifyRequest):
            # As an IOC answers a client without write access: the put callback gets ECA_NOWTACCESS.
            return [ca.WriteNotifyResponse(command.data_type, command.data_count, ca.CAStatus.ECA_NOWTACCESS,
                                           command.ioid)]
        return [ca.ErrorResponse(command, chan.cid, status=ca.CAStatus.ECA_NOWTACCESS,
                                 error_message=f"{chan.name}: write refused by the read-only gateway")]


class GatewayServer(ServerContext):
    CircuitClass = ReadOnlyCircuit

    def __init__(self, database, interface, port):
        super().__init__(database, [interface])
        self.ca_server_port = port
        self._pending_replies = set()

    async def _bind_tcp_sockets_with_consistent_port_number(self, make_socket):
        # The base class falls back to a random port; the relay needs exactly this one.
        sockets = {interface: await make_socket(interface, self.ca_server_port) for interface in self.interfaces}
        return self.ca_server_port, sockets

    async def _create_broadcaster_transport(self, interface):
        # As the base class, without SO_REUSEPORT: a second process bound to this UDP port is an error here.
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        sock.setblocking(False)
        sock.bind((interface, self.ca_server_port))
        transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(
            functools.partial(_DatagramProtocol, parent=self, identifier=interface,
                              queue=self.broadcaster_datagram_queue),
            sock=sock,
        )
        self.udp_socks[interface] = _UdpTransportWrapper(transport)

    async def broadcast_beacon_loop(self):
        return  # clients reach this server through a relay that forwards no beacons

    async def _broadcaster_queue_iteration(self, addr, commands):
        self.broadcaster.process_commands(commands)
        for command in commands:
            if isinstance(command, ca.SearchRequest):
                if command.name in self.pvdb:
                    await self._answer_search(addr, command.cid)
                elif (addr, command.cid) not in self._pending_replies:
                    # Answer once the upstream channel connects; CA clients accept a late reply.
                    self._pending_replies.add((addr, command.cid))
                    asyncio.get_running_loop().create_task(self._answer_when_served(addr, command))

    async def _answer_when_served(self, addr, command):
        try:
            if await self.pvdb.wait_served(upstream_name(command.name), SEARCH_WINDOW_S):
                await self._answer_search(addr, command.cid)
        finally:
            self._pending_replies.discard((addr, command.cid))

    async def _answer_search(self, addr, cid):
        datagram = self.broadcaster.send(
            ca.VersionResponse(PROTOCOL_VERSION), ca.SearchResponse(self.port, None, cid, PROTOCOL_VERSION)
        )
        for udp_sock in self.udp_socks.values():
            try:
                await udp_sock.sendto(datagram, addr)
            except OSError as error:
                log.debug("search reply to %s failed: %s", addr, error)

    async def _subscription_queue_send(self, sub_spec, sub, metadata, values, flags):
        # An IOC pads an array to the count a client subscribed with; caproto would send a short payload
        # under the longer count.
        if sub.data_count and sub_spec.channel_filter.arr is None and 0 < len(values) < sub.data_count:
            missing = sub.data_count - len(values)
            if isinstance(values, list):
                values = values + [b""] * missing
            else:
                values = numpy.concatenate([values, numpy.zeros(missing, dtype=values.dtype)])
        await super()._subscription_queue_send(sub_spec, sub, metadata, values, flags)

    async def disconnect_channels(self, channel):
        """Tells clients that a channel is gone, as an IOC does when a record goes away."""
        for circuit in list(self.circuits):
            for chan in list(circuit.circuit.channels.values()):
                if upstream_name(chan.name) != channel.name:
                    continue
                await circuit._cull_subscriptions(channel, lambda sub, chan=chan: sub.channel is chan)
                try:
                    await circuit.send(chan.disconnect())
                except Exception:
                    log.debug("could not tell %s of disconnection", circuit, exc_info=True)

    def names_in_use(self):
        return {upstream_name(chan.name) for circuit in self.circuits for chan in circuit.circuit.channels.values()}


async def sweep_loop(server, database, period_s):
    while True:
        await asyncio.sleep(period_s)
        try:
            await database.sweep_idle(server.names_in_use())
        except Exception:
            log.exception("idle sweep failed")


def end_with_parent(loop, main):
    """A daemon thread waits for end-of-file on stdin, so the gateway dies with its parent. A signal may have ended
    the loop first: then nothing is left to end, and the loop's error would be a traceback on the parent's stderr."""

    def wait():
        sys.stdin.read()
        try:
            loop.call_soon_threadsafe(main.cancel)
        except RuntimeError:
            pass  # the loop is closed

    threading.Thread(target=wait, daemon=True).start()


async def serve(args):
    loop = asyncio.get_running_loop()
    client = ClientContext(timeout=UPSTREAM_TIMEOUT_S)
    database = UpstreamDatabase(client, args.idle_seconds)
    server = GatewayServer(database, args.listen, args.port)
    database.server = server

    async def announce(_async_lib):
        print("ready", flush=True)
        await sweep_loop(server, database, max(0.5, min(args.idle_seconds / 2, 10.0)))

    main = asyncio.current_task()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, main.cancel)
    end_with_parent(loop, main)
    try:
        await server.run(startup_hook=announce)
    except asyncio.CancelledError:
        pass
    finally:
        try:
            await asyncio.wait_for(client.disconnect(), 1.0)
        except (Exception, asyncio.CancelledError):
            pass  # shutting down: whatever the upstream connection says now is of no use


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", default="127.0.0.1", help="downstream address (UDP searches and TCP)")
    parser.add_argument("--port", type=int, required=True, help="downstream port, the same for UDP and TCP")
    parser.add_argument("--idle-seconds", type=float, default=60.0,
                        help="release an upstream channel no client has used for this long")
    parser.add_argument("-v", "--verbose", action="store_true", help="log channels found, given up and released")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="pyexec-ca-gateway: %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        asyncio.run(serve(args))
    except (asyncio.CancelledError, KeyboardInterrupt):
        pass
    except OSError as error:
        print(f"pyexec-ca-gateway: cannot listen on {args.listen}:{args.port}: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
