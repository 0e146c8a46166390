# expect: epics-write
# why: epics imported inside a function that writes when called
# tricky
def restore_tunes(saved):
    import epics
    for name, value in saved.items():
        epics.caput(name, value, wait=True)


restore_tunes({"SR:TUNE:QX_KNOB": 0.0, "SR:TUNE:QY_KNOB": 0.0})
