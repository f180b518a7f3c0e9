#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""What cache coloring costs (docs/cache-coloring.md): for pairs of boot
configurations that differ only in colors, the boot figures and the pages
the hypervisor took at run time (stage-2 tables), measured as bench/run.py
measures its boot figures (its runner, under -icount shift=0,sleep=off).

Usage: BUILD=/tmp/b python3 bench/colors.py [--arch armv8,riscv]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402

# (what, configuration without colors, the same with colors)
PAIRS = {
    "armv8": [("16 MiB VM, colors 0-7", "bench-boot1", "bench-colors-boot1"),
              ("the same, hypervisor on colors 14-15", "bench-boot1", "bench-colors-hyp"),
              ("256 MiB VM, colors 0-7", "bench-boot256", "bench-colors-boot256")],
    "riscv": [("16 MiB VM, colors 0-7", "bench-riscv-boot1", "bench-riscv-colors-boot1"),
              ("the same, hypervisor on colors 14-15", "bench-riscv-boot1",
               "bench-riscv-colors-hyp")],
}


def figures(arch, config, logf):
    """(hypervisor's boot figure in us, the guest's, hypervisor pages taken
    at run time or None where its table cannot be read)."""
    a = bench.ARCHES[arch]
    a["configs"]["colors"] = config
    bench.make([f"PLATFORM={a['platform']}", f"CONFIG={config}"], logf)
    result = {"boot": {}, "problems": []}
    read_pages = bench.hyp_pages
    if "hyp" in config:
        # Recolored, its ownership table is no longer at its link address,
        # where the runner reads physical memory.
        bench.hyp_pages = lambda *args: None
    try:
        pages = bench.boot_run(arch, "colors", 1, a["qemu"] + bench.ICOUNT, logf, result)
    finally:
        bench.hyp_pages = read_pages
    boot = result["boot"].get("colors")
    if not boot:
        raise bench.BenchError(f"{config}: {'; '.join(result['problems'])}")
    return boot["hyp_us"], boot["recs"][0]["median"], pages and pages["extra_pages"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", default="armv8,riscv")
    args = ap.parse_args()
    logdir = os.path.join(bench.BUILD, "bench", "logs")
    os.makedirs(logdir, exist_ok=True)
    print("| arch | configuration | hypervisor boot, us (plain -> colored) "
          "| first guest instruction, us | hypervisor pages at run time |")
    print("|---|---|---|---|---|")
    for arch in args.arch.split(","):
        with open(os.path.join(logdir, f"colors-{arch}.log"), "w") as logf:
            bench.make([f"PLATFORM={bench.ARCHES[arch]['platform']}",
                        bench.guest_elf(arch, "bench_boot")], logf)
            for what, plain, colored in PAIRS[arch]:
                p, c = figures(arch, plain, logf), figures(arch, colored, logf)
                pages = f"{p[2]} -> {c[2]}" if c[2] is not None else f"{p[2]} -> (not read)"
                print(f"| {arch} | {what} | {p[0]:.0f} -> {c[0]:.0f} ({c[0] - p[0]:+.0f}) "
                      f"| {p[1]:.1f} -> {c[1]:.1f} ({c[1] - p[1]:+.1f}) | {pages} |",
                      flush=True)


if __name__ == "__main__":
    main()
