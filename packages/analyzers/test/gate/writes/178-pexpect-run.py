# class: channel
# why: pexpect.run starts caput in a pseudo-terminal and returns its output
"""Run caput through pexpect so its prompt-style output is captured."""
import pexpect

output, status = pexpect.run(
    "caput -c -w 10 LI:K05:AMPL_SP 91.0",
    withexitstatus=True,
    timeout=20,
)
print(output.decode(errors="replace"), "exit", status)
