# topic: rf
# why: read low-level RF amplitude and phase structures with pvaccess Channel.get and compute loop errors
import math
import pvaccess

channels = {
    cav: pvaccess.Channel(f"SR:LLRF:{cav}:STATUS", pvaccess.PVA) for cav in ("CAV1", "CAV2", "CAV3", "CAV4")
}

print(f"{'cav':<6}{'amp set':>9}{'amp rb':>9}{'err %':>8}{'ph set':>8}{'ph rb':>8}{'err deg':>9}")
worst = (None, 0.0)
for cav, ch in channels.items():
    st = ch.get("field(amp_sp,amp_rb,phase_sp,phase_rb,loop_closed)")
    a_sp, a_rb = st["amp_sp"], st["amp_rb"]
    p_sp, p_rb = st["phase_sp"], st["phase_rb"]
    a_err = (a_rb - a_sp) / a_sp * 100 if a_sp else math.nan
    p_err = (p_rb - p_sp + 180) % 360 - 180
    closed = "" if st["loop_closed"] else "  (loop open)"
    print(f"{cav:<6}{a_sp:9.3f}{a_rb:9.3f}{a_err:8.3f}{p_sp:8.2f}{p_rb:8.2f}{p_err:9.3f}{closed}")
    if abs(p_err) > worst[1]:
        worst = (cav, abs(p_err))

print(f"largest phase error: {worst[0]} {worst[1]:.3f} deg")
