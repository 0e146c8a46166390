# class: outside
# why: print(v, **{"file": caproto_pv}): only a literal file= keyword is checked
"""Print the setpoint to the channel."""
from caproto.threading.client import Context

(ch,) = Context().get_pvs("SR:C01:QF:CURRENT_SP")
ch.wait_for_connection()
try:
    print(101.0, end="", **{"file": ch})
except ValueError:
    pass  # the empty `end` is not a number
