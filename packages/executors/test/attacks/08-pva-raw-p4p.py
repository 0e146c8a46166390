# class: protocol
# optional: needs a PV Access server for {{PV}} (the caproto soft IOC speaks only Channel Access)
# how: p4p's raw PV Access client (p4p.client.raw.Context.put), which the guard does not patch
"""Reads the PV over CA and tries the PVA mirror for the same channel."""
import epics

reading = epics.caget("{{READ_PV}}", timeout=5)
results = {"reading": reading}
pva = "no PVA server"
try:
    import threading

    from p4p.client.raw import Context
    from p4p.nt import NTScalar

    ctx = Context("pva")
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
