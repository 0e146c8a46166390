# class: unknown
# why: PV objects are made in a functools.lru_cache-decorated factory; the decorator hides the return type
"""Re-apply the corrector pattern from the last good orbit, caching the channels."""
import functools
import epics

PATTERN = {
    "SR:C01:HCM1:CURRENT_SP": 0.12,
    "SR:C01:HCM2:CURRENT_SP": -0.08,
    "SR:C02:HCM1:CURRENT_SP": 0.03,
}


@functools.lru_cache(maxsize=None)
def channel(name):
    return epics.PV(name, auto_monitor=False)


for name, amps in PATTERN.items():
    channel(name).wait_for_connection(timeout=2.0)
    channel(name).put(amps, wait=True)
    print(f"{name} -> {amps:+.3f} A")
