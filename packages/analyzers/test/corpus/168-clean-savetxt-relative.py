# expect: nothing
# why: numpy savetxt to a relative path built with os.path.join
import os
import numpy as np

os.makedirs("output", exist_ok=True)
orm = np.random.normal(size=(96, 48))
np.savetxt(os.path.join("output", "orm.txt"), orm)
