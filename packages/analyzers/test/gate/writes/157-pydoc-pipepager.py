# class: channel
# why: pydoc.pipepager pipes the text into a shell command, here xargs caput
"""Page the summary through the site pager (which applies it)."""
import pydoc

summary = "LI:K03:PHASE_SP -21.0"
pager_cmd = "xargs -n 2 caput"

pydoc.pipepager(summary + "\n", cmd=pager_cmd)
print("summary paged")
