# expect: epics-write
# why: the PV class reaches the put through three functions declared before the name that holds it
# tricky
import epics


def use():
    get_channel().put(5)


def get_channel():
    return make()


def make():
    return factory("SR:Q01:CURRENT_SP")


factory = epics.PV
use()
