# expect: import
# why: multiprocessing.Queue.put of analysis results: clean, but multiprocessing (spawn pools start fresh interpreters) is not on the allow-list
import multiprocessing
import numpy as np

results = multiprocessing.Queue()
for seed in range(4):
    rng = np.random.default_rng(seed)
    results.put(rng.normal(size=1000).std())
print([results.get() for _ in range(4)])
