# expect: network
# why: raw TCP socket to an oscilloscope speaking SCPI
import socket

with socket.create_connection(("scope-sr01", 5025), timeout=2) as s:
    s.sendall(b"*IDN?\n")
    print(s.recv(256).decode())
