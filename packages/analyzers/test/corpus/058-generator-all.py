# expect: epics-write
# why: writes inside a generator expression consumed by all()
# tricky
import epics

names = ["SR:VAC:GV01:CMD", "SR:VAC:GV02:CMD"]
ok = all(epics.caput(n, "CLOSE", wait=True) == 1 for n in names)
print("closed" if ok else "failed")
