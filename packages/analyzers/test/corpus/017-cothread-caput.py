# expect: epics-write
# why: cothread.catools caput
from cothread.catools import caget, caput

bump = caget("SR:BUMP:AMPL_SP")
caput("SR:BUMP:AMPL_SP", bump * 0.5, wait=True)
