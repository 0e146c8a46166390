# class: binding
# why: `{} | {"qf": pv}`: dict merge operator gives nothing
"""Channel maps merged."""
import epics

chans = {} | {"qf": epics.PV("SR:C01:QF:CURRENT_SP")}
chans["qf"].put(101.0, wait=True)
