# topic: rf
# why: estimate beam loading and synchronous phase from live RF voltage, current and energy-loss readbacks
import math
from epics import caget_many

names = ["SR:RF:TOTAL_VOLT_RB", "SR:DCCT:CURRENT", "SR:OPS:ENERGY_LOSS_PER_TURN_KEV", "SR:RF:MASTER:FREQ_RB", "SR:RF:CAV1:DETUNE_HZ"]
v_mv, i_ma, u0_kev, f_rf, detune = caget_many(names, timeout=2.0)
if None in (v_mv, i_ma, u0_kev):
    raise SystemExit("missing readbacks")

R_SHUNT_MOHM = 3.4 * 4   # total shunt impedance of the 4 cavities (circuit definition)
Q0 = 29000.0
phi_s = math.asin(u0_kev * 1e-3 / v_mv)
p_beam_kw = u0_kev * i_ma * 1e-3
p_wall_kw = (v_mv * 1e6) ** 2 / (2 * R_SHUNT_MOHM * 1e6) / 1e3
Y = 2 * (i_ma * 1e-3) * R_SHUNT_MOHM * 1e6 / (v_mv * 1e6) * math.cos(math.pi / 2 - phi_s)  # loading parameter
beta_opt = 1 + p_beam_kw / p_wall_kw
df_opt = f_rf * (i_ma * 1e-3) * R_SHUNT_MOHM * 1e6 * math.cos(phi_s) / (2 * Q0 * v_mv * 1e6)

print(f"V = {v_mv:.3f} MV, I = {i_ma:.1f} mA, U0 = {u0_kev:.1f} keV")
print(f"synchronous phase {math.degrees(phi_s):.2f} deg (from crest: {90 - math.degrees(phi_s):.2f} deg)")
print(f"beam power {p_beam_kw:.1f} kW, wall power {p_wall_kw:.1f} kW, loading parameter {Y:.2f}")
print(f"optimum coupling beta {beta_opt:.2f}, optimum detuning {df_opt / 1e3:.2f} kHz (cavity 1 now {detune / 1e3 if detune is not None else float('nan'):.2f} kHz)")
