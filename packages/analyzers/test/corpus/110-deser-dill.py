# expect: deserialization
# why: dill restores a fitted response-matrix model from disk
import dill
import numpy as np

with open("orm_model.dill", "rb") as f:
    model = dill.load(f)
print(np.linalg.cond(model.matrix))
