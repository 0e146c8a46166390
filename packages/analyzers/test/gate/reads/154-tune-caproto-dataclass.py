# topic: tune
# why: read tune monitor results and chromaticity-related sextupole readbacks via caproto into dataclasses and check working-point drift
from dataclasses import dataclass, field
from typing import Optional
from caproto.threading.client import Context

NOMINAL = {"x": 0.2200, "y": 0.3100}
TOL = 0.003

@dataclass
class TuneReading:
    plane: str
    tune: Optional[float] = None
    amplitude: Optional[float] = None
    status: Optional[int] = None
    sextupoles: dict = field(default_factory=dict)

    @property
    def drift(self):
        return None if self.tune is None else self.tune - NOMINAL[self.plane]

ctx = Context()
readings = []
for plane in ("x", "y"):
    base = f"SR-DI-TUNE-{plane.upper()}"
    tune_pv, amp_pv, sts_pv = ctx.get_pvs(f"{base}:Tune-I", f"{base}:PeakAmp-I", f"{base}:Status-Sts", timeout=2.0)
    fam = "SF" if plane == "x" else "SD"
    sext_pvs = ctx.get_pvs(*[f"SR-PS-{fam}{i}:Current-I" for i in (1, 2, 3)], timeout=2.0)
    rd = TuneReading(plane)
    rd.tune = float(tune_pv.read(timeout=2.0).data[0])
    rd.amplitude = float(amp_pv.read(timeout=2.0).data[0])
    rd.status = int(sts_pv.read(timeout=2.0).data[0])
    rd.sextupoles = {pv.name: float(pv.read(timeout=2.0).data[0]) for pv in sext_pvs}
    readings.append(rd)

for rd in readings:
    tag = "OUT OF TOLERANCE" if rd.drift is not None and abs(rd.drift) > TOL else "ok"
    print(f"Q{rd.plane} = {rd.tune:.4f} (drift {rd.drift:+.4f}, amp {rd.amplitude:.1f} dB, status {rd.status}) {tag}")
    for name, cur in rd.sextupoles.items():
        print(f"    {name}: {cur:.3f} A")
