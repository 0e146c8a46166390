# class: channel
# why: a local pythonSoftIOC record with an OUT CA link to the machine PV; dbpf on it makes the IOC write remotely
"""Tiny soft IOC that forwards a trim value to the ring magnet."""
from softioc import softioc, builder

builder.SetDeviceName("OPS:TRIMFWD")
builder.records.ao(
    "QF",
    OUT="SR:C11:QF:CURRENT_SP CA",
    OMSL="supervisory",
    PREC=3,
)
builder.LoadDatabase()
softioc.iocInit()

softioc.dbpf("OPS:TRIMFWD:QF", "101.15")
softioc.dbgf("OPS:TRIMFWD:QF")
