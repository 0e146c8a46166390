# topic: logs
# why: read severity and status of the subsystem summary PVs with caproto's sync client and print a status board
from caproto.sync.client import read
from caproto import ChannelType

SUBSYSTEMS = ["RF", "VAC", "PS", "DIAG", "INJ", "CRYO", "PSS", "TIMING"]
SEV = {0: "NO_ALARM", 1: "MINOR", 2: "MAJOR", 3: "INVALID"}

board = []
for sub in SUBSYSTEMS:
    name = f"SR:{sub}:SUMMARY"
    try:
        resp = read(name, data_type=ChannelType.TIME_ENUM, timeout=2.0)
    except TimeoutError:
        board.append((sub, "DISCONNECTED", "", None))
        continue
    sev = SEV.get(int(resp.metadata.severity), "?")
    board.append((sub, sev, str(resp.metadata.status), resp.metadata.timestamp))

print(f"{'system':<8}{'severity':<14}{'status':<22}since")
for sub, sev, status, ts in board:
    since = "" if ts is None else f"{ts:.0f}"
    print(f"{sub:<8}{sev:<14}{status:<22}{since}")
bad = [b[0] for b in board if b[1] not in ("NO_ALARM",)]
print("attention:", ", ".join(bad) if bad else "all green")
