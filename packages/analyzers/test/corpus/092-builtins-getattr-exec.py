# expect: epics-write, dynamic-code, reflection
# why: exec fetched from builtins with a computed name
# tricky
import builtins

runner = getattr(builtins, "ex" + "ec")
runner(open("snippet.txt").read())
