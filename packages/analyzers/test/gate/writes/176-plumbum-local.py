# class: channel
# why: plumbum's local["pvput"] builds and runs the PV Access put tool
"""Apply the new PVA setpoint with plumbum."""
from plumbum import local

pvput = local["pvput"]
target = "SR:C13:QD:CURRENT_SP"

result = pvput[target, "98.2"]()
print(result)
