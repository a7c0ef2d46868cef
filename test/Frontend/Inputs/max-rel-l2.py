"""Passes snnc-compare's report through and fails unless its rel_l2 is at
most the bound given: `snnc-compare A B | %python max-rel-l2.py 1e-5`."""
import re
import sys

bound = float(sys.argv[1])
report = sys.stdin.read()
sys.stdout.write(report)
match = re.search(r"rel_l2=([0-9.eE+-]+|nan|inf)", report)
if not match or not float(match.group(1)) <= bound:
    sys.exit("relative L2 error %s exceeds %g"
             % (match.group(1) if match else "(missing)", bound))
