# topic: images
# why: check every diagnostic camera for saturation and underexposure from its statistics plugin PVs (caproto read)
from caproto.threading.client import Context

cams = ["SR:DIAG:SLM1", "SR:DIAG:SLM2", "LTB:DIAG:YAG1", "LTB:DIAG:YAG2", "BTS:DIAG:YAG3"]
fields = ["Stats1:MaxValue_RBV", "Stats1:MeanValue_RBV", "cam1:AcquireTime_RBV", "cam1:Gain_RBV", "cam1:DataType_RBV"]
ctx = Context()

print(f"{'camera':<16}{'max':>8}{'mean':>9}{'exp [ms]':>10}{'gain':>6}  verdict")
for cam in cams:
    pvs = ctx.get_pvs(*[f"{cam}:{f}" for f in fields], timeout=3.0)
    try:
        vals = [pv.read(timeout=2.0).data[0] for pv in pvs]
    except TimeoutError:
        print(f"{cam:<16} not responding")
        continue
    vmax, vmean, exp_s, gain, dtype = vals
    full = 255 if int(dtype) == 0 else 4095
    if vmax >= full:
        verdict = "SATURATED: reduce exposure or gain"
    elif vmax < 0.2 * full:
        verdict = "underexposed"
    else:
        verdict = "ok"
    print(f"{cam:<16}{vmax:8.0f}{vmean:9.1f}{exp_s * 1e3:10.2f}{gain:6.1f}  {verdict}")
