# expect: file-delete
# why: os.remove of old log files in the working directory
import glob
import os

for path in glob.glob("logs/*.log.old"):
    os.remove(path)
