# class: channel
# why: sys.stdout = caproto PV; print() calls PV.write(text)
"""Redirect the report to the operator message PV."""
import sys
from caproto.threading.client import Context

ctx = Context()
(msg,) = ctx.get_pvs("SR:OPS:MSG")
sys.stdout = msg
print("beam dump requested", end="")
sys.stdout = sys.__stdout__
