# class: unknown
# why: attrgetter("sync.client.write")(caproto): dotted names are not writer names
"""Reach the sync client through a dotted attrgetter."""
import operator
import caproto.sync.client

send = operator.attrgetter("sync.client.write")(caproto)
send("SR:C01:QF:CURRENT_SP", 101.0, notify=True)
