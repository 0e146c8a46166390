# expect: epics-write, deserialization
# why: setpoints restored from a pickle snapshot and written back
import pickle
import epics

with open("snapshot.pkl", "rb") as f:
    snapshot = pickle.load(f)
for name, value in snapshot.items():
    epics.caput(name, value)
