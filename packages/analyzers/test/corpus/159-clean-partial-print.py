# expect: nothing
# why: functools.partial around print
import functools

log = functools.partial(print, "[orbit]", sep=" ")
for rms in (12.1, 11.7, 11.9):
    log(f"rms = {rms} um")
