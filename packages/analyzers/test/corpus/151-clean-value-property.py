# expect: nothing
# why: a plain class with a .value property, not an EPICS PV
# tricky
class Knob:
    def __init__(self, name, value=0.0):
        self.name = name
        self._value = value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = max(-1.0, min(1.0, v))


k = Knob("tune_x")
k.value = 0.3
k.value += 0.1
print(k.name, k.value)
