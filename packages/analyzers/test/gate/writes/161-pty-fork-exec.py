# class: channel
# why: pty.fork() makes the child; the child replaces itself with caproto-put via os.execvp
"""Set the septum through caproto-put with a pseudo-terminal (for its prompt)."""
import os
import pty

argv = ["caproto-put", "BR:EXT:SEPTUM:CURRENT_SP", "815.0"]

pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
else:
    output = b""
    try:
        while chunk := os.read(fd, 1024):
            output += chunk
    except OSError:
        pass
    os.waitpid(pid, 0)
    print(output.decode(errors="replace"))
