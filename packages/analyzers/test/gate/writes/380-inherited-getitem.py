# class: binding
# why: inherited __getitem__ not followed on subscript (p4p)
"""Bank subclass indexed by name."""
from p4p.client.thread import Context


class Bank:
    def __getitem__(self, provider):
        return Context(provider)


class PvaBank(Bank):
    pass


PvaBank()["pva"].put("SR:C01:QF:CURRENT_SP", 101.0)
