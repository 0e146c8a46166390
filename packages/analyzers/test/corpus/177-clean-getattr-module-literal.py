# expect: nothing
# why: getattr on a module with a literal name is an ordinary attribute access
# tricky
import numpy as np

mean = getattr(np, "mean")
print(mean(np.array([1.0, 2.0, 3.0])))
