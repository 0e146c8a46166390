# expect: deserialization
# why: shelve.open on a golden-orbit database
import shelve

with shelve.open("golden_orbit") as db:
    ref = db["x"]
print(max(ref))
