# expect: file-write-outside
# why: copies a report into an absolute system directory
import shutil

shutil.copy("shift_report.pdf", "/opt/elog/incoming/shift_report.pdf")
