# expect: nothing
# why: shlex.quote builds a caput command line only for display
# tricky
import shlex

pv, value = "SR:FB:GAIN", "0.25"
print("Suggested command:", " ".join(shlex.quote(a) for a in ["caput", pv, value]))
