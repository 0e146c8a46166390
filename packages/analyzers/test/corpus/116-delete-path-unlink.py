# expect: file-delete
# why: pathlib Path.unlink on a stale lock file
# tricky
from pathlib import Path

lock = Path("scan.lock")
if lock.exists():
    lock.unlink()
