# expect: nothing
# why: class methods named write and put that append to a list
# tricky
class Recorder:
    def __init__(self):
        self.rows = []

    def write(self, pv, value):
        self.rows.append((pv, value))

    def put(self, pv, value):
        self.write(pv, value)


rec = Recorder()
rec.put("SR:BPM01:X", 0.12)
print(len(rec.rows))
