# class: binding
# why: obj._Applier__ctx set outside, read inside as self.__ctx (p4p)
"""Holder applies to a private channel set from outside."""
from p4p.client.thread import Context


class Applier:
    def apply(self, value):
        self.__ctx.put("SR:C01:QF:CURRENT_SP", value)


a = Applier()
a._Applier__ctx = Context("pva")
a.apply(101.0)
