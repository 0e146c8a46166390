# topic: losses
# why: read linac beam loss monitor waveforms with pvaccess Channel.get and integrate losses per monitor along the linac
import numpy as np
import pvaccess as pva

BLMS = [f"LINAC:BLM{n:02d}:LossWaveform" for n in range(1, 21)]
THRESHOLD_NC = 0.5

integrals = {}
peaks = {}
for name in BLMS:
    try:
        ch = pva.Channel(name, pva.PVA)
        pv = ch.get("field(value,timeStamp)")
        wf = np.asarray(pv["value"], dtype=float)
    except pva.PvaException as exc:
        print(f"{name}: {exc}")
        continue
    baseline = np.median(wf[:50])
    sig = wf - baseline
    integrals[name] = sig.sum() * 1e-3    # calibration to nC equivalent
    peaks[name] = int(np.argmax(sig))

if integrals:
    total = sum(max(v, 0) for v in integrals.values())
    print(f"{'BLM':28s} {'integral':>10s} {'share':>7s} {'peak idx':>9s}")
    for name, val in integrals.items():
        share = max(val, 0) / total if total > 0 else 0
        flag = " HIGH" if val > THRESHOLD_NC else ""
        print(f"{name:28s} {val:10.3f} {share:7.1%} {peaks[name]:9d}{flag}")
    hot = max(integrals, key=integrals.get)
    print(f"largest loss at {hot}")
