# class: protocol
# optional: needs a PV Access server for {{PV}} (the caproto soft IOC speaks only Channel Access)
# how: p4p's raw PV Access client (p4p.client.raw.Context.put), which the guard does not patch
# answer: pva ~ Put permission denied by gateway
# silent: the PV Access gateway (p4p's pvagw) answers the put with its refusal but logs nothing pyexec could tell the run by; the answer the code got is checked instead
"""Reads the PV over CA and tries the PVA mirror for the same channel."""
import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
pva = "no PVA server"
try:
    import threading

    from p4p.client.raw import Context
    from p4p.nt import NTScalar

    # useenv=True: the raw client ignores EPICS_PVA_* unless told (its default is p4p's built-in addresses), and
    # then searched where no server is, boundary or not
    ctx = Context("pva", useenv=True)
    done = threading.Event()
    outcome = []

    def finished(value):
        outcome.append(value)
        done.set()

    value = NTScalar("d").wrap(99.0)
    op = ctx.put("{{PV}}", finished, builder=value, request=None)
    if done.wait(2.0):
        pva = repr(outcome[0])[:80]
    op.close()
    ctx.close()
except Exception as exc:  # no PVA server, or a p4p without the raw client
    pva = "%s: %s" % (type(exc).__name__, exc)
results.update({"pva": pva})
