# class: binding
# why: method assigned from a plain function: call args shifted onto self
"""Applier method attached from a plain function."""
import epics


def _apply(self, ch):
    ch.put(self.value, wait=True)


class Step:
    value = 101.0
    apply = _apply


Step().apply(epics.PV("SR:C01:QF:CURRENT_SP"))
