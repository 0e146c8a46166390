# expect: epics-write, dynamic-code
# why: compile then exec of a procedure script read from disk
# tricky
with open("procedures/restore_lattice.py") as f:
    source = f.read()
code = compile(source, "restore_lattice.py", "exec")
exec(code, {"__name__": "__main__"})
