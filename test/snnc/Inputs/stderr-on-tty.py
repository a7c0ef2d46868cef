"""Runs a command with its stderr on a pseudo-terminal and prints what it
wrote there, each carriage return shown as <CR> and a line break, then <END>.

    stderr-on-tty.py COMMAND [ARG...]

The command's stdout is discarded; the exit status is the command's. snnc
draws its progress line only when stderr is a terminal, which lit's pipes
never are.
"""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 4096)
    except OSError:  # EIO: the command closed the terminal
        break
    if not chunk:
        break
    data += chunk
status = proc.wait()
# The terminal turns "\n" into "\r\n"; only snnc's own "\r" matter.
text = data.decode().replace("\r\n", "\n").replace("\r", "<CR>\n")
sys.stdout.write(text + "<END>\n")
sys.exit(status)
