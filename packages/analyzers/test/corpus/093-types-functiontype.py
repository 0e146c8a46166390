# expect: epics-write, dynamic-code
# why: function built from a compiled code object with types.FunctionType
# tricky
import types

code = compile("def f():\n    import epics\n    epics.caput('SR:FB:ENABLE', 0)\n", "<knob>", "exec")
fn = types.FunctionType(code.co_consts[0], {})
fn()
