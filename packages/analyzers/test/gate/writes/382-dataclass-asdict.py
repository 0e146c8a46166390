# class: binding
# why: dataclasses.asdict(obj) is obj to the model; its dict gives the PV opener
"""Settings record flattened to a dict."""
import dataclasses
from caproto.threading.client import Context

ctx = Context()


def open_qf():
    (qf,) = ctx.get_pvs("SR:C01:QF:CURRENT_SP")
    return qf


@dataclasses.dataclass
class Setting:
    opener: object
    value: float


row = dataclasses.asdict(Setting(open_qf, 101.0))
row["opener"]().write([row["value"]], wait=True)
