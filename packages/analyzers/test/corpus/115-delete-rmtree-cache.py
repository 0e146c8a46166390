# expect: file-delete
# why: shutil.rmtree of a waveform cache directory
import shutil

shutil.rmtree("cache/bpm_waveforms", ignore_errors=True)
print("cache cleared")
