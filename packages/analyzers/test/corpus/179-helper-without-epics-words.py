# expect: epics-write
# why: the only EPICS call sits in a helper whose text names nothing EPICS; a word prefilter per function would skip it
# tricky
import epics


def settle(channel, target):
    channel.ramp_to(target)


settle(epics.PV("SR:Q01:CURRENT_SP"), 12.5)
