# class: callback
# why: ophyd EpicsSignal list sorted with a callable-instance key whose __call__ sets
"""Sort signals by name; the key object also parks each one."""
import ophyd


class Parker:
    def __call__(self, sig):
        sig.set(0.0).wait(timeout=5)
        return sig.name


sigs = [ophyd.EpicsSignal("SR:C01:HCM1:CURRENT_SP", name="h1"), ophyd.EpicsSignal("SR:C01:HCM2:CURRENT_SP", name="h2")]
print(sorted(sigs, key=Parker()))
