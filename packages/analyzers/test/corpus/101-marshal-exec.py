# expect: epics-write, dynamic-code, deserialization
# why: cached code object loaded with marshal and executed
# tricky
import marshal

with open("__cache__/procedure.bin", "rb") as f:
    code = marshal.loads(f.read())
exec(code)
