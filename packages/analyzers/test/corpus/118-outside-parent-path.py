# expect: file-write-outside
# why: pathlib path built from ".." then written
# tricky
from pathlib import Path

out = Path("..") / "shared" / "golden_orbit.txt"
out.write_text("0.0\n" * 96)
