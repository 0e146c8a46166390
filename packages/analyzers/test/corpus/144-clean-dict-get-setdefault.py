# expect: nothing
# why: dict.get and dict.setdefault on a settings dict
limits = {"SR:Q01:CURRENT_SP": (0, 50)}
by_limit = {}
for name in ["SR:Q01:CURRENT_SP", "SR:Q02:CURRENT_SP"]:
    lo, hi = limits.get(name, (0, 100))
    by_limit.setdefault(hi, []).append(name)
print(by_limit)
