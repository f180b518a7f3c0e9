#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tessera's test runner: host unit tests, then QEMU scenarios that boot the
hypervisor with real guests and read what they print.

Each scenario names a build (platform + configuration), the QEMU machine, the
lines that must appear (regular expressions, each after the previous one's
match, or in any order when the scenario says "unordered"; an item
{"send": text} types text on the console once everything before it matched;
an item {"seen": regex} is met by any line so far, before the previous
match too: for output that races with what comes before it), lines that
must never appear, and
whether QEMU must end by itself (every VM off). A scenario has a time limit;
running out of time with expectations unmet is a failure.

Usage: tests/run.py [-k SUBSTRING] [--list] [--jobs N]
The last line printed is "N passed, N failed".
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import SCENARIOS, HOST_TESTS  # noqa: E402

QEMU = {
    "qemu-aarch64-virt": ["qemu-system-aarch64", "-nographic", "-monitor", "none",
                          "-serial", "stdio"],
    "qemu-riscv64-virt": ["qemu-system-riscv64", "-nographic", "-monitor", "none",
                          "-serial", "stdio", "-bios", "default"],
}


def image_path(platform, config):
    return os.path.join(BUILD, "hyp", platform, config, "tessera.elf")


def build(platform, config, log):
    cmd = ["make", "-s", "-C", ROOT, f"BUILD={BUILD}", f"PLATFORM={platform}",
           f"CONFIG={config}"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log.write(r.stdout)
    return r.returncode == 0, r.stdout


def section_offset(data, name):
    """File offset of an ELF64 section, by name."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
    strtab = struct.unpack_from("<Q", data, shoff + shstrndx * shentsize + 0x18)[0]
    for i in range(shnum):
        sh = shoff + i * shentsize
        name_off, = struct.unpack_from("<I", data, sh)
        end = data.index(b"\0", strtab + name_off)
        if data[strtab + name_off:end] == name:
            return struct.unpack_from("<Q", data, sh + 0x18)[0]
    raise ValueError(f"no section {name!r}")


def corrupted_copy(image, patch, logdir):
    """The image with its built-in configuration damaged after the build
    checked it: `patch` = (offset in the blob, bytes written there)."""
    offset, new = patch
    with open(image, "rb") as f:
        data = bytearray(f.read())
    at = section_offset(data, b".config") + offset
    data[at:at + len(new)] = new
    path = os.path.join(logdir, "corrupted-" + os.path.basename(image))
    with open(path, "wb") as f:
        f.write(data)
    return path


class Reader(threading.Thread):
    """Collects QEMU's output lines while the scenario's checks look at them."""

    def __init__(self, proc, log):
        super().__init__(daemon=True)
        self.proc, self.log = proc, log
        self.lines, self.cond = [], threading.Condition()
        self.done = False

    def send(self, text):
        """Types `text` on the console (the VM with the input focus gets it)."""
        self.log.write(f"<<< typed {text!r}\n")
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def run(self):
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.log.write(line + "\n")
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()
        with self.cond:
            self.done = True
            self.cond.notify_all()


def check(sc, reader, deadline):
    """Waits until every expectation is met; returns (ok, reason)."""
    expect = list(sc.get("expect", []))
    forbid = [re.compile(f) for f in sc.get("forbid", [])]
    pos = 0
    with reader.cond:
        while True:
            for line in reader.lines[pos:]:
                for f in forbid:
                    if f.search(line):
                        return False, f"forbidden line: {line!r}"
            while expect and isinstance(expect[0], dict):
                item = expect[0]
                if "seen" in item and not any(
                        re.search(item["seen"], x) for x in reader.lines):
                    break
                expect.pop(0)
                if "send" in item:
                    reader.send(item["send"])
            while expect and not isinstance(expect[0], dict) \
                    and pos < len(reader.lines):
                line = reader.lines[pos]
                if sc.get("unordered"):
                    expect = [e for e in expect if not re.search(e, line)]
                elif re.search(expect[0], line):
                    expect.pop(0)
                pos += 1
                if expect and isinstance(expect[0], dict):
                    break
            pos = len(reader.lines) if not expect else pos
            if expect and isinstance(expect[0], dict) and "seen" not in expect[0]:
                continue
            if not expect and (not sc.get("exits") or reader.done):
                return True, ""
            if reader.done and expect:
                return False, f"QEMU ended before: {expect[0]!r}"
            left = deadline - time.monotonic()
            if left <= 0:
                what = expect[0] if expect else "QEMU to exit"
                return False, f"timed out waiting for {what!r}"
            reader.cond.wait(min(left, 0.5))


def settle(sc, reader):
    """After the expectations: watch a little longer for forbidden lines."""
    time.sleep(sc.get("settle", 0))
    forbid = [re.compile(f) for f in sc.get("forbid", [])]
    with reader.cond:
        for line in reader.lines:
            for f in forbid:
                if f.search(line):
                    return False, f"forbidden line: {line!r}"
    return True, ""


def run_scenario(sc, logdir):
    platform = sc.get("platform", "qemu-aarch64-virt")
    log = open(os.path.join(logdir, sc["name"] + ".log"), "w")
    ok, out = build(platform, sc["config"], log)
    if not ok:
        return False, "build failed:\n" + out[-2000:]
    image = image_path(platform, sc["config"])
    if sc.get("corrupt"):
        image = corrupted_copy(image, sc["corrupt"], logdir)
    cmd = QEMU[platform] + sc["machine"] + ["-kernel", image]
    log.write("$ " + " ".join(cmd) + "\n")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    reader = Reader(proc, log)
    reader.start()
    deadline = time.monotonic() + sc.get("timeout", 60)
    try:
        ok, why = check(sc, reader, deadline)
        if ok:
            ok, why = settle(sc, reader)
        if ok and sc.get("exits"):
            rc = proc.wait(timeout=max(1, deadline - time.monotonic()))
            if rc != 0:
                ok, why = False, f"QEMU exit status {rc}"
    except subprocess.TimeoutExpired:
        ok, why = False, "QEMU did not exit"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=5)
        log.close()
    return ok, why


def run_host_test(t, logdir):
    with open(os.path.join(logdir, t["name"] + ".log"), "w") as log:
        r = subprocess.run(t["cmd"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True,
                           timeout=t.get("timeout", 600))
        log.write(r.stdout)
    return r.returncode == 0, r.stdout[-1500:] if r.returncode else ""


def main(tests=None):
    """Runs `tests`, (kind, test) pairs (default: every host test and
    scenario), as the command line narrows them; tests/soak.py passes its own."""
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default="", help="only tests whose name contains this")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    if tests is None:
        tests = [("host", t) for t in HOST_TESTS] + [("qemu", s) for s in SCENARIOS]
    tests = [t for t in tests if args.k in t[1]["name"]]
    if args.list:
        for kind, t in tests:
            print(kind, t["name"])
        return 0
    logdir = os.path.join(BUILD, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    passed = failed = 0
    for kind, t in tests:
        start = time.monotonic()
        try:
            ok, why = (run_host_test if kind == "host" else run_scenario)(t, logdir)
        except Exception as e:  # a broken runner is a failed test, not a crash
            ok, why = False, f"runner error: {e}"
        secs = time.monotonic() - start
        print(f"{'PASS' if ok else 'FAIL'} {t['name']} ({secs:.1f} s)", flush=True)
        if not ok:
            print("    " + why.replace("\n", "\n    "))
            print(f"    log: {os.path.join(logdir, t['name'] + '.log')}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
