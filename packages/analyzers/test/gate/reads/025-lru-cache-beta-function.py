# topic: optics
# why: expected beam size along a drift from Twiss parameters, with a cached pure beta-function helper
import functools
import math
import json


@functools.lru_cache(maxsize=None)
def beta_at(s: float, beta0: float, alpha0: float) -> float:
    gamma0 = (1 + alpha0 ** 2) / beta0
    return beta0 - 2 * alpha0 * s + gamma0 * s ** 2


@functools.lru_cache(maxsize=256)
def sigma_um(s: float, beta0: float, alpha0: float, eps_nm: float) -> float:
    return math.sqrt(beta_at(s, beta0, alpha0) * eps_nm * 1e-9) * 1e6


with open("twiss_ids.json") as f:
    twiss = json.load(f)

for name, tw in twiss.items():
    length = tw["straight_length_m"]
    points = [round(-length / 2 + k * length / 20, 4) for k in range(21)]
    sx = [sigma_um(s, tw["betx"], tw["alfx"], tw["epsx_nm"]) for s in points]
    sy = [sigma_um(s, tw["bety"], tw["alfy"], tw["epsy_nm"]) for s in points]
    print(f"{name:<10} sigma_x {min(sx):7.1f}..{max(sx):7.1f} um   sigma_y {min(sy):6.2f}..{max(sy):6.2f} um")

print(beta_at.cache_info())
