# class: channel
# why: the CaChannel library (not in the table) writes with putw
"""Legacy CaChannel script to set the vertical corrector."""
from CaChannel import CaChannel, CaChannelException

try:
    chan = CaChannel("SR:C09:VCM1:CURRENT_SP")
    chan.searchw()
    print("before:", chan.getw())
    chan.putw(0.42)
    print("after:", chan.getw())
except CaChannelException as exc:
    print("CA error:", exc)
