# expect: syntax
# why: truncated LLM output leaves a call unclosed
import epics

values = [epics.caget(n) for n in ["SR:BPM01:X", "SR:BPM02:X"]]
print(max(values)
