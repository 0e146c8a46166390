# class: callback
# why: cothread.Spawn runs catools.caput as a cooperative task
"""Restore the booster RF voltage in the background while we read the ring."""
import cothread
from cothread.catools import caput, caget

task = cothread.Spawn(caput, "BR:RF:VOLT_SP", 850.0, wait=True)
print("ring current", caget("SR:DCCT:CURRENT"))
task.Wait()
