# expect: epics-write
# why: epics imported with __import__ and written in one expression
# tricky
print("disabling fast orbit feedback")
__import__("epics").caput("SR:FB:ENABLE", 0)
