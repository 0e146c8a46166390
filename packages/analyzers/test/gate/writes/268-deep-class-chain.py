# class: binding
# why: class attribute looked up through 10 levels of inheritance: attrOf gives up at depth 8
"""Layered configuration classes; the channel lives on the base."""
import epics


class L0:
    channel = epics.PV("SR:C01:QF:CURRENT_SP")


class L1(L0): pass
class L2(L1): pass
class L3(L2): pass
class L4(L3): pass
class L5(L4): pass
class L6(L5): pass
class L7(L6): pass
class L8(L7): pass
class L9(L8): pass
class L10(L9): pass


L10().channel.put(101.0, wait=True)
