import * as path from "node:path"

/** The Python of the benches: the active virtualenv's, else python3. */
export const python = process.env.VIRTUAL_ENV ? path.join(process.env.VIRTUAL_ENV, "bin", "python") : "python3"

/** The two runs the executor benches time: one that does nothing, one that computes and plots. */
export const trivial = `results = {"x": 1}`
export const plotting = `
import numpy as np
import matplotlib.pyplot as plt
x = np.linspace(0, 10, 1000)
plt.plot(x, np.sin(x))
results = {"mean": float(np.sin(x).mean())}
`
