# class: outside
# why: map(json.dump, [v], [caproto_pv]): map is a keeping builtin, json.dump calls PV.write
"""Dump the value into the channel's file-like write."""
import json
from caproto.threading.client import Context

(ch,) = Context().get_pvs("SR:C01:QF:CURRENT_SP")
ch.wait_for_connection()
list(map(json.dump, [101.0], [ch]))
