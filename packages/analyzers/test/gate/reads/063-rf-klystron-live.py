# topic: rf
# why: read klystron and cavity powers live and estimate the power delivered to the beam and the efficiency
from epics import PV

stations = ["KLY1", "KLY2"]
pvs = {}
for st in stations:
    for field in ("FWD_PWR", "REFL_PWR", "HV_RB", "BEAM_I_RB"):
        pvs[(st, field)] = PV(f"SR:RF:{st}:{field}")
cav_loss = PV("SR:RF:CAV_WALL_LOSS_TOTAL")
u0 = PV("SR:OPS:ENERGY_LOSS_PER_TURN_KEV")
current = PV("SR:DCCT:CURRENT")

for pv in list(pvs.values()) + [cav_loss, u0, current]:
    pv.wait_for_connection(timeout=3.0)

fwd_total = 0.0
for st in stations:
    fwd = pvs[(st, "FWD_PWR")].get()
    refl = pvs[(st, "REFL_PWR")].get()
    hv = pvs[(st, "HV_RB")].get()
    ib = pvs[(st, "BEAM_I_RB")].get()
    dc_kw = hv * ib  # kV * A
    fwd_total += fwd
    print(f"{st}: forward {fwd:.1f} kW, reflected {refl:.1f} kW, DC {dc_kw:.1f} kW, klystron efficiency {fwd / dc_kw * 100:.1f}%")

p_beam = u0.get() * current.get() / 1000.0  # keV * mA -> kW
print(f"beam power {p_beam:.1f} kW, wall losses {cav_loss.get():.1f} kW")
print(f"forward - beam - wall = {fwd_total - p_beam - cav_loss.value:.1f} kW unaccounted")
