# class: channel
# why: a telnet session to the IOC's procServ console types dbpf, which writes the record
"""Set the record straight on the IOC shell (CA is blocked from this subnet)."""
import telnetlib

HOST, PORT = "sr-ioc-rf01", 20001

with telnetlib.Telnet(HOST, PORT, timeout=10) as tn:
    tn.write(b"\n")
    tn.read_until(b"epics>", timeout=5)
    tn.write(b"dbpf SR:RF:CAV3:VOLT_SP 655\n")
    print(tn.read_until(b"epics>", timeout=5).decode(errors="replace"))
