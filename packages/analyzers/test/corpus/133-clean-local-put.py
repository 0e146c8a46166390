# expect: nothing
# why: a local function named put that only updates a dict
settings = {}


def put(name, value):
    settings[name] = value


put("SR:Q01:CURRENT_SP", 12.5)
print(settings)
