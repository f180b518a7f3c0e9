#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""make soak: the long robustness runs, SOAK_SCENARIOS of tests/scenarios.py
(the hostile guest with 10^6 calls next to a baremetal VM and next to Linux),
run one after the other exactly as tests/run.py runs its scenarios.

Usage: tests/soak.py [-k SUBSTRING] [--list]
The last line printed is "N passed, N failed".
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
from scenarios import SOAK_SCENARIOS  # noqa: E402

if __name__ == "__main__":
    sys.exit(run.main([("qemu", s) for s in SOAK_SCENARIOS]))
