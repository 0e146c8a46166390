# class: unknown
# why: map(RE, [plan]): RunEngine called through map; plan yields a hand-made Msg('set', signal)
"""Run the set plan through the RunEngine (mapped over plans)."""
import typing
import ophyd
from bluesky import RunEngine


class Msg(typing.NamedTuple):
    command: str
    obj: object
    args: tuple
    kwargs: dict
    run: object = None


def plan(sig):
    yield Msg("set", sig, (101.0,), {"group": "g"})
    yield Msg("wait", None, (), {"group": "g"})


qf = ophyd.EpicsSignal("SR:C01:QF:CURRENT_SP", name="qf")
RE = RunEngine({})
results = list(map(RE, [plan(qf)]))
