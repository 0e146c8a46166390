# expect: syntax
# why: list literal closed with the wrong bracket
currents = [10.0, 12.5, 14.0)
print(sum(currents))
