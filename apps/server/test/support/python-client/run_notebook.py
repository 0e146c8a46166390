"""Runs a notebook as Jupyter does (nbclient, a real ipykernel) and prints it executed, as JSON on stdout.

argv: the notebook's cells' sources as a JSON list. Each output message's arrival is noted in the executed cell's
metadata (`arrivals`: seconds since the cell started, and the message's text), to show what streamed live.
"""

import json
import sys
import time

import nbformat
from nbclient import NotebookClient


class TimedClient(NotebookClient):
    def process_message(self, msg, cell, cell_index):
        content = msg.get("content", {})
        text = content.get("text") or content.get("data", {}).get("text/plain")
        if msg.get("msg_type") in ("stream", "display_data", "update_display_data", "execute_result") and text:
            cell.metadata.setdefault("arrivals", []).append([time.monotonic() - self.started, msg["msg_type"], text])
        return super().process_message(msg, cell, cell_index)

    async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
        self.started = time.monotonic()
        return await super().async_execute_cell(cell, cell_index, *args, **kwargs)


notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in json.loads(sys.argv[1])])
TimedClient(notebook, kernel_name="python3", timeout=120, allow_errors=True).execute()
json.dump(notebook, sys.stdout)
