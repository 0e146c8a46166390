# class: channel
# why: paramiko runs caput on the IOC host over SSH (exec_command), out of the analyzer's process table
"""Apply the setpoint from the IOC host, where the CA tools are installed."""
import paramiko

client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
client.connect("sr-ioc-mag02", username="ops", timeout=10)

_, stdout, stderr = client.exec_command("caput SR:C08:QF:CURRENT_SP 101.6")
print(stdout.read().decode(), stderr.read().decode())
client.close()
