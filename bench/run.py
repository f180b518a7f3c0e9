#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tessera's benchmarks: deterministic cost figures under QEMU -icount.

For each architecture this builds the benchmark configurations
(configs/bench-*.c), boots each under QEMU with -icount shift=0,sleep=off,
runs the same benchmark guest natively (the baseline), reads the BENCH lines
the guests print (guests/baremetal/tests/bench.h), measures the hypervisor's
footprint from its ELF file and from its page ownership table at run time,
and writes one JSON record per figure plus a chart drawn by gnuplot.

Usage: bench/run.py [--arch armv8[,riscv]] [--out FILE.json] [--png FILE.png]
                    [--check BASELINE.json] [--tolerance 0.10] [--timeout S]
With --check, a fresh run is compared with BASELINE: any figure more than
the tolerance worse than there fails the run (exit status 1).

BUILD (environment) is the build directory, default build/. Logs of every
build and QEMU run go to $BUILD/bench/logs/<arch>.log.
"""
import argparse
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))

# One instruction = 1 ns of virtual time; idle time is skipped, not waited
# out in real time, so that nothing depends on the host (bench/README.md).
ICOUNT = ["-icount", "shift=0,sleep=off"]
# Wall-clock seconds per QEMU run (most take about one, the Linux one about
# ten); --timeout.
TIMEOUT = 120

# Instructions a guest may lose per event (the mission's targets).
TARGETS = {"null_hypercall": 60, "mmio_read": 120, "ipi": 400}

ARCHES = {
    "armv8": {
        "platform": "qemu-aarch64-virt",
        "qemu": ["qemu-system-aarch64", "-cpu", "cortex-a53", "-smp", "4", "-m", "1G"],
        "hyp_machine": ["-machine", "virt,virtualization=on,gic-version=3"],
        "native_machine": ["-machine", "virt,gic-version=3"],
        "guests": "guests/baremetal",
        "tools": "aarch64-linux-gnu-",
        "configs": {"cpu": "bench-cpu", "boot1": "bench-boot1", "boot4": "bench-boot4",
                    "vmstack": "bench-vmstack", "ipc": "bench-ipc", "tee": "bench-optee"},
    },
    "riscv": {
        "platform": "qemu-riscv64-virt",
        "qemu": ["qemu-system-riscv64", "-cpu", "rv64", "-smp", "4", "-m", "1G",
                 "-bios", "default"],
        "hyp_machine": ["-machine", "virt"],
        "native_machine": ["-machine", "virt"],
        "guests": "guests/baremetal-riscv",
        "tools": "riscv64-linux-gnu-",
        "configs": {"cpu": "bench-riscv-cpu", "boot1": "bench-riscv-boot1",
                    "boot4": "bench-riscv-boot4", "vmstack": "bench-riscv-vmstack",
                    "ipc": "bench-riscv-ipc"},
    },
}

PER_EVENT = ["null_hypercall", "mmio_read", "timer_latency", "ipi"]
# Figures with no native counterpart, reported as the guest prints them.
TESSERA_ONLY = ["vmstack_invoke_yield", "vm_create_destroy_1m", "vm_create_destroy_16m",
                "ipc_doorbell_latency", "ipc_round_trip", "tee_round_trip"]
# Figures compared with a measurement made elsewhere, the same way: the TEE
# round trip against OP-TEE under TF-A on TrustZone (the same OP-TEE, Linux
# and benchmark program, QEMU 7.2, -icount shift=0, -smp 2; docs/tee.md).
# The target is the mission's: at most 1.25 times the reference.
REFERENCE = {"tee_round_trip": (24800, "TrustZone (TF-A + OP-TEE 4.5)", 1.25)}
# Natively the guest's HVC / ECALL is answered by QEMU's built-in PSCI or
# by OpenSBI: measured, but no baseline for a hypercall.
NO_BASELINE = {"null_hypercall"}

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class BenchError(Exception):
    pass


def log(msg):
    print(msg, flush=True)


# ---- building ---------------------------------------------------------------

def make(args, logf):
    cmd = ["make", "-s", "-C", ROOT, f"BUILD={BUILD}"] + args
    logf.write("$ " + " ".join(cmd) + "\n")
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    logf.write(r.stdout)
    logf.flush()
    if r.returncode:
        tail = "\n".join(r.stdout.strip().splitlines()[-8:])
        raise BenchError(f"make {' '.join(args)} failed:\n{tail}")


def hyp_elf(arch, config):
    return os.path.join(BUILD, "hyp", ARCHES[arch]["platform"], config, "tessera.elf")


def guest_elf(arch, name):
    return os.path.join(BUILD, ARCHES[arch]["guests"], name + ".elf")


# ---- QEMU -------------------------------------------------------------------

class Monitor:
    """QEMU's human monitor on a unix socket."""

    def __init__(self, path):
        deadline = time.monotonic() + 10
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise BenchError("cannot reach the QEMU monitor")
                time.sleep(0.05)
        self.sock.settimeout(5)
        self._read_prompt()

    def _read_prompt(self):
        buf = ""
        while not buf.endswith("(qemu) "):
            try:
                chunk = self.sock.recv(65536)
            except OSError as e:  # a timeout too: QEMU stopped answering
                raise BenchError(f"the QEMU monitor does not answer ({e})") from None
            if not chunk:
                raise BenchError("the QEMU monitor closed")
            buf = ANSI.sub("", buf + chunk.decode("utf-8", "replace"))
        return buf

    def cmd(self, text):
        try:
            self.sock.sendall(text.encode() + b"\n")
        except OSError as e:
            raise BenchError(f"the QEMU monitor is gone ({e})") from None
        out = self._read_prompt()
        lines = out.replace("\r", "").split("\n")
        # The echo of the command comes first, the prompt last.
        return "\n".join(line for line in lines[1:-1])

    def close(self):
        self.sock.close()


class Qemu:
    """One QEMU run: output lines as they come, a monitor, a time limit."""

    def __init__(self, cmd, logf):
        self.tmp = tempfile.mkdtemp(prefix="tessera-bench-")
        self.mon_path = os.path.join(self.tmp, "mon.sock")
        self.cmd = cmd + ["-nographic", "-serial", "stdio", "-monitor",
                          f"unix:{self.mon_path},server=on,wait=off"]
        self.logf = logf
        logf.write("$ " + " ".join(self.cmd) + "\n")
        logf.flush()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines = queue.Queue()
        self.all = []
        threading.Thread(target=self._reader, daemon=True).start()
        self.deadline = time.monotonic() + TIMEOUT
        self.monitor = None

    def _reader(self):
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.logf.write(line + "\n")
            self.lines.put(line)
        self.lines.put(None)

    def next_line(self):
        """The next output line; None once QEMU has ended; raises on timeout."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        try:
            line = self.lines.get(timeout=left)
        except queue.Empty:
            raise TimeoutError from None
        if line is not None:
            self.all.append(line)
        return line

    def mon(self):
        if not self.monitor:
            self.monitor = Monitor(self.mon_path)
        return self.monitor

    def finish(self):
        if self.proc.poll() is None:
            try:
                if self.monitor:  # answered before: ask it to quit
                    self.monitor.sock.sendall(b"quit\n")
                    self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.monitor:
            self.monitor.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def parse_bench(line):
    m = re.search(r"\bBENCH (.*)$", line)
    if not m:
        return None
    rec = dict(kv.split("=", 1) for kv in m.group(1).split() if "=" in kv)
    for k in ("min", "median", "max"):
        rec[k] = float(rec[k])
    for k in ("runs", "batch", "res"):
        rec[k] = int(rec[k])
    return rec


class Symbols:
    """nm -n of an ELF file, to name an address inside its image."""

    def __init__(self, tools, elf):
        out = subprocess.run([tools + "nm", "-n", elf], stdout=subprocess.PIPE,
                             text=True).stdout
        self.syms, marks = [], {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3:
                marks[parts[2]] = int(parts[0], 16)
                if parts[1].lower() in "tw":
                    self.syms.append((int(parts[0], 16), parts[2]))
        self.lo = self.syms[0][0] if self.syms else 0
        self.hi = marks.get("hyp_image_end", marks.get("__image_end", marks.get("_end", 0)))

    def name(self, addr):
        if not self.lo <= addr < self.hi:
            return None
        best = None
        for a, n in self.syms:
            if a > addr:
                break
            best = (a, n)
        return f"{best[1]}+0x{addr - best[0]:x}" if best else None


def where_stuck(q, arch, hyp, guest):
    """Each CPU's PC (and privilege) when a run hung, named in the image it
    points into: the hypervisor at EL2 / with V=0, the guest at EL1 / V=1."""
    try:
        regs = q.mon().cmd("info registers -a")
    except (OSError, BenchError) as e:
        return f"(no register dump: {e})"
    tools = ARCHES[arch]["tools"]
    images = {"hypervisor": Symbols(tools, hyp) if hyp else None,
              "guest": Symbols(tools, guest) if guest else None}
    out = []
    for block in re.split(r"(?=CPU#\d+)", regs):
        cpu = re.match(r"CPU#(\d+)", block)
        pc = re.search(r"\bPC=([0-9a-f]+)|^\s*pc\s+([0-9a-f]+)", block, re.M)
        if not cpu or not pc:
            continue
        addr = int(pc.group(1) or pc.group(2), 16)
        el = re.search(r"\b(EL[0-3][th])\b", block)
        virt = re.search(r"^\s*V\s*=\s*(\d)", block, re.M)
        if el:
            mode = el.group(1)
            order = ["hypervisor"] if mode.startswith("EL2") else ["guest"]
        elif virt:
            mode = "V=" + virt.group(1)
            order = ["guest"] if virt.group(1) == "1" else ["hypervisor"]
        else:
            mode, order = "", ["hypervisor", "guest"]
        if not hyp:  # a native run: what runs is the guest (or firmware)
            order = ["guest"]
        what = None
        for kind in order:
            name = images[kind].name(addr) if images[kind] else None
            if name:
                what = f"{kind} {name}"
                break
        out.append(f"cpu {cpu.group(1)} pc 0x{addr:x} {mode}: "
                   f"{what or 'outside the images (firmware?)'}")
    return "; ".join(out) or regs[-800:]


def run_qemu(arch, cmd, logf, hyp=None, guest=None, want_lines=None, on_done=None):
    """Runs QEMU until it exits, or until `want_lines` BENCH lines came
    (then on_done(q) runs before QEMU is ended). Returns the BENCH records,
    every output line, and what went wrong (None if nothing did): figures
    printed before a failure or a hang still count."""
    q = Qemu(cmd, logf)
    recs, problem = [], None
    try:
        while True:
            try:
                line = q.next_line()
            except TimeoutError:
                problem = (f"timed out after {TIMEOUT:.0f} s; "
                           f"{where_stuck(q, arch, hyp, guest)}")
                break
            if line is None:
                break
            rec = parse_bench(line)
            if rec:
                recs.append(rec)
                if want_lines and len(recs) == want_lines:
                    if on_done:
                        on_done(q)
                    break
            if re.search(r"FAIL: |unexpected .* exception|stopped: vcpu", line):
                problem = line.strip()
        return recs, q.all, problem
    finally:
        q.finish()


# ---- footprint --------------------------------------------------------------

def dwarf_structs(tools, elf, names):
    """byte_size and member offsets of the named structs, from DWARF."""
    out = subprocess.run([tools + "readelf", "--debug-dump=info", elf],
                         stdout=subprocess.PIPE, text=True).stdout
    structs, cur, member = {}, None, None
    for line in out.splitlines():
        tag = re.search(r"<(\d+)><[0-9a-f]+>: Abbrev Number: \d+ \((DW_TAG_\w+)\)", line)
        if tag:
            depth, kind = int(tag.group(1)), tag.group(2)
            if kind == "DW_TAG_structure_type":
                cur, member = {"depth": depth, "name": None, "size": None,
                               "members": {}}, None
                structs.setdefault("_all", []).append(cur)
            elif kind == "DW_TAG_member" and cur and depth == cur["depth"] + 1:
                member = {"name": None}
            else:
                member = None
                if cur and depth <= cur["depth"]:
                    cur = None
            continue
        attr = re.search(r"(DW_AT_\w+)\s*:\s*(?:\(.*?\):\s*)?(\S+)\s*$", line)
        if not attr or not cur:
            continue
        key, val = attr.groups()
        target = member if member is not None else cur
        if key == "DW_AT_name":
            target["name"] = val
        elif key == "DW_AT_byte_size" and member is None:
            cur["size"] = int(val, 0)
        elif key == "DW_AT_data_member_location" and member is not None:
            cur["members"][member["name"]] = int(val, 0)
        elif key == "DW_AT_name" and member is not None:
            member["name"] = val
    found = {}
    for s in structs.get("_all", []):
        if s["name"] in names and s["size"] and s["name"] not in found:
            found[s["name"]] = s
    missing = set(names) - set(found)
    if missing:
        raise BenchError(f"no DWARF for struct {', '.join(sorted(missing))} in {elf}")
    return found


def elf_symbols(tools, elf):
    out = subprocess.run([tools + "nm", "-S", elf], stdout=subprocess.PIPE, text=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4:
            syms[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
        elif len(parts) == 3:
            syms.setdefault(parts[2], (int(parts[0], 16), 0))
    return syms


def elf_sections(tools, elf):
    out = subprocess.run([tools + "size", "-A", elf], stdout=subprocess.PIPE, text=True).stdout
    secs = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith("."):
            secs[parts[0]] = int(parts[1])
    return secs


def blob_align():
    """The core rounds the configuration blob up to this (src/core/vmdesc.c)."""
    src = open(os.path.join(ROOT, "src/core/vmdesc.c")).read()
    m = re.search(r"#define\s+HYP_BLOB_ALIGN\s+\((\d+)ull\s*<<\s*(\d+)\)", src)
    if not m:
        raise BenchError("cannot find HYP_BLOB_ALIGN in src/core/vmdesc.c")
    return int(m.group(1)) << int(m.group(2))


def hyp_pages(q, arch, elf):
    """Reads the hypervisor's page pool and ownership table from the running
    machine: the pages it took beyond its image and blob (stage-2 tables)."""
    tools = ARCHES[arch]["tools"]
    syms = elf_symbols(tools, elf)
    pool = dwarf_structs(tools, elf, ["mem_pool"])["mem_pool"]["members"]
    mon = q.mon()
    path = os.path.join(q.tmp, "pool.bin")
    addr = syms["hyp_mem"][0]
    mon.cmd(f'pmemsave 0x{addr:x} 32 "{path}"')
    raw = open(path, "rb").read()

    def field(name):
        off = pool[name]
        return int.from_bytes(raw[off:off + 8], "little")

    base, pages, owner = field("base"), field("pages"), field("owner")
    path = os.path.join(q.tmp, "owner.bin")
    mon.cmd(f'pmemsave 0x{owner:x} {pages} "{path}"')
    table = open(path, "rb").read()
    if len(table) != pages:
        raise BenchError("short read of the page ownership table")
    config_size = elf_sections(tools, elf).get(".config", 0)
    align = blob_align()
    reserved = (syms["__config_start"][0] - base) + (config_size + align - 1) // align * align
    hyp = table.count(1)  # OWNER_HYP
    vm_pages = {}
    for o in set(table):
        if o >= 2:
            vm_pages[o - 2] = table.count(o)
    return {"hyp_pages": hyp, "reserved_pages": reserved // 4096,
            "extra_pages": hyp - reserved // 4096, "vm_pages": vm_pages}


def footprint(arch, elf, pages1, pages4, records):
    tools = ARCHES[arch]["tools"]
    secs = elf_sections(tools, elf)
    syms = elf_symbols(tools, elf)
    st = dwarf_structs(tools, elf, ["vm", "vcpu", "cpu"])
    bss_top = sorted(((s[1], n) for n, s in syms.items() if s[1] >= 4096
                      and syms["__bss_start"][0] <= s[0] < syms.get("__bss_end", (1 << 64,))[0]),
                     reverse=True)[:6]

    def rec(name, value, note):
        records.append({"name": name, "arch": arch, "value": value, "unit": "bytes",
                        "runs": 1, "min": value, "median": value, "max": value,
                        "native": None, "ratio": None, "note": note})

    for sec in (".text", ".rodata", ".data", ".bss"):
        note = "tessera.elf section (size -A); the configuration blob (.config) excluded"
        if sec == ".bss":
            note += "; largest: " + ", ".join(f"{n} {s}" for s, n in bss_top)
        rec("hyp_" + sec[1:], secs.get(sec, 0), note)
    s2 = None
    if pages1 and pages4:
        one, four = pages1["extra_pages"], pages4["extra_pages"]
        if one < 0 or four != 4 * one:
            log(f"  note: stage-2 pages not 4 times one VM's: {one} with 1 VM, "
                f"{four} with 4")
        s2 = four * 4096 // 4
        rec("stage2_per_vm", s2,
            f"hypervisor pages taken at run time per 16 MiB VM, from its page "
            f"ownership table read out of the running machine: {four} pages with "
            f"4 VMs, {one} with 1 (beyond its image and configuration blob)")
    vm_size, vcpu_size, cpu_size = st["vm"]["size"], st["vcpu"]["size"], st["cpu"]["size"]
    vms_bytes = syms["vms"][1] if "vms" in syms else 0
    rec("mem_per_vm", vm_size + (s2 or 0),
        f"sizeof(struct vm) {vm_size}, static (vms[] reserves {vms_bytes // vm_size} of "
        f"them, {vms_bytes} bytes, used or not; each has a struct vcpu slot per possible "
        f"vCPU) + stage-2 tables {s2 if s2 is not None else '(not measured)'}; "
        f"the VM's own RAM not counted")
    ncpus = syms["cpus"][1] // cpu_size if "cpus" in syms else 0
    area = syms["cpu_areas"][1] // ncpus if ncpus and "cpu_areas" in syms else 0
    stack = f" and a {area}-byte stack area" if area else " and its stack"
    rec("mem_per_vcpu", vcpu_size,
        f"sizeof(struct vcpu), its slot in struct vm; per physical CPU there is also "
        f"a struct cpu ({cpu_size} bytes){stack}")


# ---- one architecture ---------------------------------------------------------

def boot_run(arch, key, nvms, qemu, logf, result):
    """A boot configuration: every VM's BENCH line, the hypervisor's own
    boot log figure and its page ownership table (read before QEMU ends)."""
    a = ARCHES[arch]
    config = a["configs"][key]
    elf = hyp_elf(arch, config)
    got = {}

    def done(q):
        try:
            got["pages"] = hyp_pages(q, arch, elf)
        except BenchError as e:
            result["problems"].append(f"{config}: page table not read: {e}")

    log(f"{arch}: Tessera run ({config})")
    recs, lines, problem = run_qemu(arch, qemu + a["hyp_machine"] + ["-kernel", elf], logf,
                                    hyp=elf, guest=guest_elf(arch, "bench_boot"),
                                    want_lines=nvms, on_done=done)
    if problem:
        result["problems"].append(f"{config}: {problem}")
    if len(recs) != nvms:
        result["problems"].append(f"{config}: {len(recs)} of {nvms} VMs reported their boot time")
        return None
    hyp_us = [float(m.group(1)) for m in
              (re.search(r"entering the guests (\d+) us after reset", x) for x in lines) if m]
    result["boot"][key] = {"recs": recs, "hyp_us": hyp_us[0] if hyp_us else None}
    return got.get("pages")


def tee_run(arch, qemu, logf, result):
    """Linux with its own OP-TEE: the TEE round trip from user space, on two
    CPUs like the TrustZone reference."""
    a = ARCHES[arch]
    elf = hyp_elf(arch, a["configs"]["tee"])
    cmd = [("2" if x == "4" and qemu[i - 1] == "-smp" else x) for i, x in enumerate(qemu)]
    log(f"{arch}: Tessera run ({a['configs']['tee']})")
    recs, _, problem = run_qemu(arch, cmd + a["hyp_machine"] + ["-kernel", elf], logf,
                                hyp=elf, want_lines=1)
    result["tessera"].update({r["name"]: r for r in recs})
    if problem:
        result["problems"].append(f"{a['configs']['tee']}: {problem}")


def measure(arch, logdir):
    """Every run of one architecture; returns the raw results and problems."""
    a = ARCHES[arch]
    cfg = a["configs"]
    logf = open(os.path.join(logdir, f"{arch}.log"), "w")
    result = {"tessera": {}, "native": {}, "boot": {}, "problems": [], "records": []}
    qemu = a["qemu"] + ICOUNT
    bench_cpu = guest_elf(arch, "bench_cpu")
    try:
        log(f"{arch}: building the benchmark guests")
        make([f"PLATFORM={a['platform']}", f"CONFIG={cfg['cpu']}", bench_cpu,
              guest_elf(arch, "bench_boot")], logf)
    except BenchError as e:
        result["problems"].append(str(e))
        return result, logf

    # The baseline: the same guests at EL1 / in S-mode on plain QEMU.
    log(f"{arch}: native runs")
    recs, _, problem = run_qemu(arch, qemu + a["native_machine"] + ["-kernel", bench_cpu],
                                logf, guest=bench_cpu)
    result["native"] = {r["name"]: r for r in recs}
    if problem:
        result["problems"].append(f"native run: {problem}")
    bench_boot = guest_elf(arch, "bench_boot")
    recs, _, problem = run_qemu(arch, qemu + a["native_machine"] + ["-kernel", bench_boot],
                                logf, guest=bench_boot, want_lines=1)
    if recs:
        result["native"]["boot"] = recs[0]
    if problem:
        result["problems"].append(f"native boot run: {problem}")

    built = set()
    for key, config in cfg.items():
        log(f"{arch}: building {config}")
        try:
            make([f"PLATFORM={a['platform']}", f"CONFIG={config}"], logf)
            built.add(key)
        except BenchError as e:
            result["problems"].append(f"{config} not built, its figures skipped: {e}")
    for key, guest in (("cpu", bench_cpu), ("vmstack", guest_elf(arch, "bench_vmstack")),
                       ("ipc", guest_elf(arch, "bench_ipc"))):
        if key not in built:
            continue
        log(f"{arch}: Tessera run ({cfg[key]})")
        elf = hyp_elf(arch, cfg[key])
        recs, _, problem = run_qemu(arch, qemu + a["hyp_machine"] + ["-kernel", elf], logf,
                                    hyp=elf, guest=guest)
        result["tessera"].update({r["name"]: r for r in recs})
        if problem:
            result["problems"].append(f"{cfg[key]}: {problem}")
    if "tee" in built:
        tee_run(arch, qemu, logf, result)
    pages1 = boot_run(arch, "boot1", 1, qemu, logf, result) if "boot1" in built else None
    pages4 = boot_run(arch, "boot4", 4, qemu, logf, result) if "boot4" in built else None
    if "cpu" not in built:
        return result, logf
    try:
        footprint(arch, hyp_elf(arch, cfg["cpu"]), pages1, pages4, result["records"])
    except BenchError as e:
        result["problems"].append(f"footprint: {e}")
    return result, logf


def records_for(arch, res):
    out = []
    for name in PER_EVENT:
        t, n = res["tessera"].get(name), res["native"].get(name)
        if not t and not n:
            continue
        rec = {"name": name, "arch": arch, "unit": "instructions",
               "value": t["median"] if t else None,
               "runs": t["runs"] if t else None, "batch": t["batch"] if t else None,
               "min": t["min"] if t else None, "median": t["median"] if t else None,
               "max": t["max"] if t else None,
               "native": None, "ratio": None,
               "clock": (t or n)["clock"], "resolution": (t or n)["res"]}
        if n and name in NO_BASELINE:
            rec["note"] = (f"natively answered by the firmware (QEMU's PSCI or OpenSBI): "
                           f"{n['median']} instructions; not a baseline")
        elif n:
            rec["native"] = n["median"]
            # A ratio of figures near the clock's resolution would be noise.
            step = max(r["res"] / r["batch"] for r in (t, n) if r)
            if t and min(t["median"], n["median"]) >= 10 * step:
                rec["ratio"] = round(t["median"] / n["median"], 2)
            elif t:
                rec["note"] = (f"no ratio: the figures are within 10 clock steps "
                               f"({step:g} instructions)")
        if name in TARGETS:
            rec["target"] = TARGETS[name]
        out.append(rec)
    for key, name in (("boot1", "boot_1vm"), ("boot4", "boot_4vms")):
        b = res["boot"].get(key)
        if not b:
            continue
        vals = sorted(r["median"] for r in b["recs"])
        rec = {"name": name, "arch": arch, "unit": "us", "value": vals[-1],
               "runs": len(vals), "min": vals[0], "median": vals[len(vals) // 2],
               "max": vals[-1], "native": None, "ratio": None, "clock": "counter",
               "resolution": b["recs"][0]["res"],
               "note": "reset to the guest's first instruction (16 MiB VMs, one vCPU each); "
                       "with several VMs the value is the last VM's"}
        if b["hyp_us"] is not None:
            rec["hypervisor_log_us"] = b["hyp_us"]
        n = res["native"].get("boot")
        if n:
            rec["native"] = n["median"]  # the firmware's share (OpenSBI), if any
            if n["median"] >= 1:
                rec["ratio"] = round(vals[-1] / n["median"], 2)
        out.append(rec)
    for name in TESSERA_ONLY:
        t = res["tessera"].get(name)
        if t:
            rec = {"name": name, "arch": arch, "unit": t["unit"], "value": t["median"],
                   "runs": t["runs"], "batch": t["batch"], "min": t["min"],
                   "median": t["median"], "max": t["max"], "native": None,
                   "ratio": None, "clock": t["clock"], "resolution": t["res"]}
            if name in REFERENCE:
                value, what, factor = REFERENCE[name]
                rec.update(native=value, ratio=round(t["median"] / value, 2),
                           target=round(value * factor),
                           note=f"baseline: {what}, measured the same way")
            out.append(rec)
    return out + res["records"]


# ---- output -----------------------------------------------------------------

def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.1f}"
    return f"{int(v)}"


def table(records):
    rows = [("figure", "arch", "Tessera", "native", "ratio", "target", "unit")]
    for r in records:
        tgt = r.get("target")
        mark = ""
        if tgt is not None and r["value"] is not None:
            mark = " ok" if r["value"] <= tgt else " OVER"
        rows.append((r["name"], r["arch"], fmt(r["value"]), fmt(r["native"]),
                     fmt(r["ratio"]) + ("x" if r["ratio"] else ""),
                     ("<= " + fmt(tgt) + mark) if tgt is not None else "", r["unit"]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i < 2 else c.rjust(w) if i < 6 else c
                               for i, (c, w) in enumerate(zip(row, widths))).rstrip()
                     for row in rows)


def chart(records, png, workdir):
    """Three panels: per-event instructions (with native and targets), boot
    time, footprint."""
    def label(r):
        return f"{r['name'].replace('_', ' ')}" + (f" ({r['arch']})" if r["arch"] != "armv8" else "")

    def q(v):
        return "?" if v is None else f"{v}"

    ev = [r for r in records if r["unit"] == "instructions" and r["value"] is not None]
    boot = [r for r in records if r["unit"] == "us" and r["value"] is not None]
    mem = [r for r in records if r["unit"] == "bytes"]
    data = os.path.join(workdir, "chart")
    with open(data + "-events.dat", "w") as f:
        for r in ev:
            f.write(f'"{label(r)}" {q(r["value"])} {q(r["native"])} {q(r.get("target"))}\n')
    with open(data + "-boot.dat", "w") as f:
        for r in boot:
            f.write(f'"{label(r)}" {r["value"] / 1000:.3f}\n')
    with open(data + "-mem.dat", "w") as f:
        for r in mem:
            f.write(f'"{label(r)}" {r["value"] / 1024:.2f}\n')
    panels = []
    if ev:
        panels.append(f"""set title "per event (instructions; lower is better)"
set key top left
plot "{data}-events.dat" using 2:xtic(1) title "Tessera" lc rgb "#3465a4", \\
     "" using 3 title "native" lc rgb "#73d216", \\
     "" using ($0):4:(0.45) with xerrorbars pt 0 lw 3 lc rgb "#cc0000" title "target"
""")
    if boot:
        panels.append(f"""set title "boot (reset to first guest instruction), VM-stack (ms)"
set key off
set logscale y
set yrange [0.1:*]
plot "{data}-boot.dat" using 2:xtic(1) lc rgb "#3465a4"
unset logscale y
set yrange [0:*]
""")
    if mem:
        panels.append(f"""set title "footprint (KiB)"
set key off
set logscale y
set yrange [0.1:*]
plot "{data}-mem.dat" using 2:xtic(1) lc rgb "#75507b"
""")
    if not panels:
        raise BenchError("nothing to draw: no figure was measured")
    script = f"""set terminal pngcairo size {500 * len(panels)},560 font ",10"
set output "{png}"
set datafile missing "?"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set xtics rotate by 30 right
set yrange [0:*]
set multiplot layout 1,{len(panels)} title "Tessera under QEMU 7.2 -icount shift=0 (1 instruction = 1 ns)"
""" + "".join(panels) + "unset multiplot\n"
    with open(data + ".gp", "w") as f:
        f.write(script)
    r = subprocess.run(["gnuplot", data + ".gp"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode:
        raise BenchError("gnuplot failed:\n" + r.stdout[-1500:])


def check(records, baseline_path, tol):
    try:
        with open(baseline_path) as f:
            base = json.load(f)
    except (OSError, ValueError) as e:
        raise BenchError(f"no usable baseline {baseline_path} ({e}); "
                         f"make bench writes one") from None
    old = {(r["name"], r["arch"]): r for r in base["figures"]}
    new = {(r["name"], r["arch"]): r for r in records}
    bad, notes = [], []
    for key, o in sorted(old.items()):
        if o["value"] is None:
            continue
        n = new.get(key)
        if not n or n["value"] is None:
            bad.append(f"{key[0]} ({key[1]}): in the baseline ({fmt(o['value'])} "
                       f"{o['unit']}) but not measured now")
            continue
        limit = o["value"] * (1 + tol)
        if n["value"] > limit:
            bad.append(f"{key[0]} ({key[1]}): {fmt(n['value'])} {n['unit']}, baseline "
                       f"{fmt(o['value'])}: {100 * (n['value'] / o['value'] - 1):+.1f}% "
                       f"(tolerance {100 * tol:.0f}%)")
        elif n["value"] < o["value"] * (1 - tol):
            notes.append(f"{key[0]} ({key[1]}): improved, {fmt(o['value'])} -> "
                         f"{fmt(n['value'])} {n['unit']}; refresh the baseline "
                         f"(make bench)")
        elif n["value"] != o["value"]:
            notes.append(f"{key[0]} ({key[1]}): {fmt(o['value'])} -> {fmt(n['value'])} "
                         f"{n['unit']} (within tolerance)")
    return bad, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="armv8,riscv")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results.json"))
    ap.add_argument("--png", default=None, help="default: --out with .png")
    ap.add_argument("--check", metavar="BASELINE", default=None)
    ap.add_argument("--tolerance", type=float, default=0.10)
    ap.add_argument("--timeout", type=float, default=TIMEOUT,
                    help="wall-clock seconds a QEMU run may take")
    args = ap.parse_args()
    globals()["TIMEOUT"] = args.timeout
    png = args.png or os.path.splitext(args.out)[0] + ".png"
    start = time.monotonic()
    workdir = os.path.join(BUILD, "bench")
    logdir = os.path.join(workdir, "logs")
    os.makedirs(logdir, exist_ok=True)
    records, problems = [], []
    for arch in args.arch.split(","):
        if arch not in ARCHES:
            sys.exit(f"unknown architecture {arch}; known: {', '.join(ARCHES)}")
        res, logf = measure(arch, logdir)
        logf.close()
        records += records_for(arch, res)
        problems += [f"{arch}: {p}" for p in res["problems"]]
    qemu_version = subprocess.run(["qemu-system-aarch64", "--version"], stdout=subprocess.PIPE,
                                  text=True).stdout.splitlines()[0]
    doc = {"meta": {"qemu": qemu_version, "icount": ICOUNT[1],
                    "units": "instructions: 1 instruction = 1 ns of virtual time; "
                             "us: virtual microseconds (1000 instructions)",
                    "problems": problems},
           "figures": records}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print()
    print(table(records))
    print()
    try:
        chart(records, png, workdir)
    except BenchError as e:
        problems.append(f"chart: {e}")
    for p in problems:
        print("problem: " + p.replace("\n", "\n    "))
    print(f"wrote {os.path.relpath(args.out, ROOT)} and {os.path.relpath(png, ROOT)} "
          f"in {time.monotonic() - start:.0f} s; logs in {os.path.relpath(logdir, ROOT)}")
    status = 1 if problems else 0
    if args.check:
        bad, notes = check(records, args.check, args.tolerance)
        for n in notes:
            print("note: " + n)
        for b in bad:
            print("REGRESSION: " + b)
        print(f"bench-check: {len(bad)} regression(s) against "
              f"{os.path.relpath(args.check, ROOT)}")
        status = status or (1 if bad else 0)
    elif problems:
        print(f"bench: {len(problems)} problem(s): the results lack figures or "
              f"may be wrong")
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        sys.exit(f"bench: {e}")
