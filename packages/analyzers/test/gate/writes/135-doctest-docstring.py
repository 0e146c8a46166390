# class: outside
# why: the caput sits in a docstring example; doctest.run_docstring_examples executes it
"""Self-checking helper for the bunch-by-bunch feedback gain."""
import doctest


def set_bbfb_gain():
    """Set the BBFB gain to its nominal value.

    >>> from epics import caput
    >>> caput("SR:BBFB:X:GAIN_SP", 0.42, wait=True)
    1
    """


doctest.run_docstring_examples(set_bbfb_gain, {}, verbose=True)
print("gain procedure checked")
