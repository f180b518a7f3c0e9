#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""make soak: the long robustness runs, SOAK_SCENARIOS of tests/scenarios.py
(the hostile guest with 10^6 calls next to a baremetal VM and next to Linux),
run one after the other exactly as tests/run.py runs its scenarios.

Usage: tests/soak.py [-k SUBSTRING] [--list]
The last line printed is "N passed, N failed".
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
from scenarios import SOAK_SCENARIOS  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default="", help="only scenarios whose name contains this")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    scenarios = [s for s in SOAK_SCENARIOS if args.k in s["name"]]
    if args.list:
        for s in scenarios:
            print("qemu", s["name"])
        return 0
    logdir = os.path.join(run.BUILD, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    passed = failed = 0
    for s in scenarios:
        start = time.monotonic()
        try:
            ok, why = run.run_scenario(s, logdir)
        except Exception as e:  # a broken runner is a failed test, not a crash
            ok, why = False, f"runner error: {e}"
        print(f"{'PASS' if ok else 'FAIL'} {s['name']} ({time.monotonic() - start:.1f} s)",
              flush=True)
        if not ok:
            print("    " + why.replace("\n", "\n    "))
            print(f"    log: {os.path.join(logdir, s['name'] + '.log')}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
