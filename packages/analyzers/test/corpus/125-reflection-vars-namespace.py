# expect: reflection
# why: vars() lookup with a computed key on a namespace of numbers; the result is only printed
# tricky
import sys
from types import SimpleNamespace

limits = SimpleNamespace(q_max=50.0, hcm_max=2.0, vcm_max=1.5)
key = sys.argv[1] if len(sys.argv) > 1 else "q_max"
print(f"{key} = {vars(limits)[key]} A")
