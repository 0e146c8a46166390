# class: binding
# why: write function and its arguments forwarded through *args to a generic retry helper
"""Retry wrapper for flaky IOCs; restores the kicker timing."""
import time
import epics


def with_retry(fn, *args, retries=3, **kwargs):
    for attempt in range(retries):
        if fn(*args, **kwargs):
            return True
        time.sleep(0.5 * (attempt + 1))
    return False


ok = with_retry(epics.caput, "SR:INJ:KICK1:DELAY_SP", 1.25, wait=True)
print("timing restored" if ok else "failed")
