# expect: nothing
# why: caput only mentioned in a docstring
# tricky
def suggest_correction(x_mm):
    """Return the corrector change.

    The operator applies it manually with caput("SR:C03:HCM:SP", value);
    this function never writes anything itself.
    """
    return -0.1 * x_mm


print(suggest_correction(0.4))
