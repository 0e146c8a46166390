# class: binding
# why: PV name and value travel in a **kwargs dict to a p4p Context.put
"""Apply a setting dict coming from the optimizer output."""
from p4p.client.thread import Context

ctx = Context("pva")


def apply(**setting):
    return ctx.put(**setting)


best = {"name": "SR:RF:CAV3:PHASE_SP", "values": -12.4}
apply(**best)
print(ctx.get("SR:RF:CAV3:PHASE_SP"))
