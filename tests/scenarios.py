# SPDX-License-Identifier: Apache-2.0
"""What tests/run.py runs: host tests, then QEMU scenarios (see run.py)."""

ARM = "qemu-aarch64-virt"


def arm_machine(gic=3, cpu="cortex-a53", smp=4):
    return ["-machine", f"virt,virtualization=on,gic-version={gic}",
            "-cpu", cpu, "-smp", str(smp), "-m", "1G"]


HOST_TESTS = [
    {"name": "unit", "cmd": ["make", "-s", "unit-test"]},
    {"name": "config-examples", "cmd": ["make", "-s", "check-configs"]},
    {"name": "device-trees", "cmd": ["make", "-s", "check-trees"]},
    {"name": "fuzz-regress", "cmd": ["make", "-s", "fuzz-regress"]},
    {"name": "fuzz-short", "cmd": ["make", "-s", "fuzz-short"], "timeout": 300},
    {"name": "lint", "cmd": ["make", "-s", "lint"]},
]

# Two VMs side by side, each taking its own timer interrupts.
TWO_VMS = [r"^\[vm0\] hello\[0\]: tick 5$", r"^\[vm1\] hello\[0\]: tick 5$"]

SCENARIOS = [
    {"name": f"arm-two-vms-gicv{gic}-{cpu}", "config": "two-vms",
     "machine": arm_machine(gic, cpu), "unordered": True,
     "expect": [r"Tessera hypervisor .* \(GICv%d" % gic] + TWO_VMS, "timeout": 60,
     "forbid": [r"stopped:", r"PANIC"]}
    for gic, cpu in [(3, "cortex-a53"), (2, "cortex-a53"), (3, "cortex-a72"),
                     (3, "max"), (2, "max")]
] + [
    {"name": f"arm-smp-gicv{gic}", "config": "test-smp", "machine": arm_machine(gic),
     "expect": [r"^\[smp\] .*cpu 3 up", r"^\[smp\] .*PASS",
                r"vm 0 \(smp\) powered off", r"all VMs are off"],
     "exits": True, "timeout": 90, "forbid": [r"stopped:", r"PANIC", r"FAIL"]}
    for gic in (3, 2)
] + [
    {"name": "arm-attack-other-memory", "config": "test-attack",
     "machine": arm_machine(),
     "expect": [r"^\[attacker\] attack\[0\]: writing to",
                r"vm 0 \(attacker\) stopped: vcpu 0, pc 0x[0-9a-f]+, "
                r"address 0x80000000: access outside the VM's memory",
                r"^\[victim\] ticks\[0\]: tick 10", r"^\[victim\] .*PASS",
                r"all VMs are off"],
     "forbid": [r"survived", r"PANIC", r"vm 1 \(victim\) stopped"],
     "exits": True, "timeout": 90},
    {"name": "arm-system-off-one-vm", "config": "test-off", "machine": arm_machine(),
     "expect": [r"vm 0 \(quitter\) powered off", r"^\[stayer\] ticks\[0\]: tick 10",
                r"^\[stayer\] .*PASS", r"vm 1 \(stayer\) powered off",
                r"all VMs are off: powering off"],
     "forbid": [r"still running", r"PANIC", r"stopped:"],
     "exits": True, "timeout": 90},
    {"name": "arm-hypercalls", "config": "test-hvc", "machine": arm_machine(),
     "expect": [r"^\[caller\] .*PASS", r"all VMs are off"],
     "forbid": [r"FAIL", r"PANIC", r"stopped:"], "exits": True, "timeout": 60},
]

# Debian's arm64 kernel, unmodified, in VMs of its own.
LINUX_INIT = r"TESSERA-LINUX-INIT-OK cpus=2 "
SCENARIOS += [
    {"name": "arm-linux-next-to-baremetal", "config": "linux-demo",
     "machine": arm_machine(),
     "expect": [r"^\[baremetal\] heartbeat\[0\]: start",
                r"^\[linux\] .*Booting Linux on physical CPU",
                r"^\[linux\] " + LINUX_INIT,
                {"send": "echo marker-$((6*7))\n"},
                r"^\[linux\] marker-42$",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ ",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ "],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"Oops"],
     "timeout": 120},
    {"name": "arm-linux-attack-stopped", "config": "test-linux-attack",
     "machine": arm_machine(),
     "expect": [r"^\[linux\] " + LINUX_INIT,
                r"^\[linux\] linux-attack: writing to 0x80000000",
                r"vm 0 \(linux\) stopped: vcpu \d, pc 0x[0-9a-f]+, address 0x80000000: "
                r"access outside the VM's memory",
                r"^\[baremetal\] hello\[0\]: tick \d+",
                r"^\[baremetal\] hello\[0\]: tick \d+"],
     "forbid": [r"survived", r"PANIC", r"vm 1 \(baremetal\) stopped"],
     "timeout": 120},
    {"name": "arm-two-linux-one-powers-off", "config": "test-two-linux",
     "machine": arm_machine(), "timeout": 180,
     "expect": [r"^\[linux1\] " + LINUX_INIT, r"^\[linux1\] linux-off: powering off",
                r"vm 1 \(linux1\) powered off",
                {"send": "echo still-$((40+2)) on $(nproc) cpus\n"},
                r"^\[linux0\] still-42 on 2 cpus$"],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"all VMs are off"]},
]

# The VM-stack: children built from a parent's memory, run on its CPU.
SCENARIOS += [
    {"name": "arm-vmstack-children", "config": "test-vmstack",
     "machine": arm_machine(), "timeout": 180,
     "expect": [r"^\[child-0\] vmchild\[0\]: child 0 up",
                r"^\[parent\] vmstack\[0\]: child 2 yielded 202$",
                r"^\[parent\] vmstack\[0\]: measurements [0-9a-f]{16} ",
                r"double destroy: -6 as expected",
                r"create refused: .*not the parent's memory",
                r"memory back from the child, zeroed",
                r"vm \d+ \(attacker\) stopped: vcpu 0, pc 0x[0-9a-f]+, "
                r"address 0x40100000: access outside the VM's memory",
                r"attacking child stopped: 2 as expected",
                r"timer ticks reached us \d+ times while a child spun",
                r"grandchild yielded 700 through its parent",
                r"10000 creates and destroys: free pages (\d+) before, \1 after, VMs 2/2",
                r"^\[parent\] vmstack\[0\]: PASS",
                r"^\[neighbour\] hello\[0\]: tick \d+"],
     "forbid": [r"FAIL", r"PANIC", r"survived", r"vm 1 \(neighbour\) stopped"]},
]

# What a VM may not do stops that VM alone; PSCI acts on the caller's VM only.
SCENARIOS += [
    {"name": "arm-faults-stop-one-vm", "config": "test-faults",
     "machine": arm_machine(), "timeout": 60, "exits": True,
     "unordered": True,
     "expect": [r"vm 0 \(bad-hvc\) stopped: vcpu 0, pc 0x[0-9a-f]+, .*"
                r"HVC with a non-zero immediate",
                r"vm 1 \(bad-sysreg\) stopped: .*trapped system register",
                r"vm 2 \(bad-device\) stopped: .*address 0x9010000: "
                r"access outside the VM's memory",
                r"^\[good\] ticks\[0\]: PASS", r"all VMs are off"],
     "forbid": [r"survived", r"PANIC", r"vm 3 \(good\) stopped"]},
    {"name": "arm-psci", "config": "test-psci", "machine": arm_machine(),
     "timeout": 60, "exits": True,
     "expect": [r"PSCI_VERSION: 65537", r"FEATURES\(unknown\): -1",
                r"CPU_ON of a CPU we do not have: -2", r"CPU_ON of ourselves: -4",
                r"AFFINITY_INFO\(cpu 1\) after its CPU_OFF: 1",
                r"vm 0 \(psci\) reset", r"came back after SYSTEM_RESET",
                r"^\[psci\] psci\[0\]: PASS", r"all VMs are off"],
     "forbid": [r"still running", r"FAIL", r"PANIC", r"stopped:"]},
]

# RISC-V (H extension): the same scenarios on the same core.
RV = "qemu-riscv64-virt"


def rv_machine(smp=4, cpu="rv64"):
    return ["-machine", "virt", "-cpu", cpu, "-smp", str(smp), "-m", "1G"]


HOST_TESTS += [
    {"name": "config-examples-riscv",
     "cmd": ["make", "-s", f"PLATFORM={RV}", "check-configs"]},
    {"name": "device-trees-riscv",
     "cmd": ["make", "-s", f"PLATFORM={RV}", "check-trees"]},
]

SCENARIOS += [
    {"name": f"riscv-two-vms-{cpu.replace(',', '-').replace('=', '-')}",
     "platform": RV, "config": "test-riscv-two-vms",
     "machine": rv_machine(cpu=cpu), "unordered": True, "timeout": 60,
     "expect": [r"Tessera hypervisor .* on qemu-riscv64-virt \(PLIC",
                r"^\[vm0\] hello\[0\]: tick 5$", r"^\[vm1\] hello\[0\]: tick 5$"],
     "forbid": [r"stopped:", r"PANIC"]}
    for cpu in ("rv64", "rv64,sstc=off")
] + [
    {"name": "riscv-smp", "platform": RV, "config": "test-riscv-smp",
     "machine": rv_machine(), "timeout": 90, "exits": True,
     "expect": [r"^\[smp\] .*cpu 3 up", r"^\[smp\] .*PASS",
                r"vm 0 \(smp\) powered off", r"all VMs are off"],
     "forbid": [r"stopped:", r"PANIC", r"FAIL"]},
    {"name": "riscv-attack-other-memory", "platform": RV,
     "config": "test-riscv-attack", "machine": rv_machine(), "timeout": 90,
     "exits": True,
     "expect": [r"^\[attacker\] attack\[0\]: writing to",
                r"vm 0 \(attacker\) stopped: vcpu 0, pc 0x[0-9a-f]+, "
                r"address 0xc0000000: access outside the VM's memory",
                r"^\[victim\] .*PASS", r"all VMs are off"],
     "forbid": [r"survived", r"PANIC", r"vm 1 \(victim\) stopped"]},
    {"name": "riscv-system-off-one-vm", "platform": RV, "config": "test-riscv-off",
     "machine": rv_machine(), "timeout": 90, "exits": True,
     "expect": [r"vm 0 \(quitter\) powered off", r"^\[stayer\] .*PASS",
                r"all VMs are off: powering off"],
     "forbid": [r"still running", r"PANIC", r"stopped:"]},
    {"name": "riscv-hypercalls", "platform": RV, "config": "test-riscv-hvc",
     "machine": rv_machine(), "timeout": 60, "exits": True,
     "expect": [r"^\[caller\] .*PASS", r"all VMs are off"],
     "forbid": [r"FAIL", r"PANIC", r"stopped:"]},
    {"name": "riscv-vmstack-children", "platform": RV,
     "config": "test-riscv-vmstack", "machine": rv_machine(), "timeout": 180,
     "expect": [r"^\[parent\] vmstack\[0\]: child 2 yielded 202$",
                r"memory back from the child, zeroed",
                r"vm \d+ \(attacker\) stopped: .*access outside the VM's memory",
                r"timer ticks reached us \d+ times while a child spun",
                r"grandchild yielded 700 through its parent",
                r"10000 creates and destroys: free pages (\d+) before, \1 after",
                r"^\[parent\] vmstack\[0\]: PASS"],
     "forbid": [r"FAIL", r"PANIC", r"survived", r"vm 1 \(neighbour\) stopped"]},
]

# A built-in configuration damaged after the build checked it: the
# hypervisor's own validator refuses it at boot and starts nothing.
SCENARIOS += [
    {"name": f"{arch}-bad-builtin-config-{what}", "platform": plat,
     "config": cfg, "machine": machine, "corrupt": patch, "timeout": 30,
     "exits": True,
     "expect": [r"configuration rejected: " + reason,
                r"no VM was started: halting"],
     "forbid": [r"entering the guests", r"PANIC"]}
    for arch, plat, cfg, machine in [
        ("arm", ARM, "test-hvc", arm_machine()),
        ("riscv", RV, "test-riscv-hvc", rv_machine())]
    for what, patch, reason in [
        ("magic", (0, b"X"), r"header\.magic: bad magic"),
        ("vcpus", (88 + 36, b"\x07"), r"vm 0 \(caller\): vcpus")]
]

# Linux as a VM-stack parent: tessera.ko and tessera-vm create, run, measure
# and destroy a baremetal child 100 times (guests/linux/scripts/vmstack).
SCENARIOS += [
    {"name": "arm-linux-vmstack", "config": "test-linux-vmstack",
     "machine": arm_machine(), "timeout": 400,
     "expect": [r"^\[linux\] " + LINUX_INIT,
                r"^\[linux-child\] vmchild\[0\]: child 0 up, mode 0$",
                r"^\[linux\] vmstack: child \d+: yielded 0, measurement [0-9a-f]{64}$",
                r"^\[linux\] vmstack: 100 cycles ok",
                r"vm 0 \(linux\): create refused: .*flags",
                r"^\[linux-child-16m\] vmchild\[0\]: child 0 up, mode 0$",
                r"^\[linux\] vmstack: 16 MiB child in \d+ pieces: yielded 0$",
                r"^\[linux\] vmstack: spinning child: RUN ended by SIGINT",
                r"^\[linux\] vmstack: yields across RUNs: 700 701 702$",
                r"^\[linux\] vmstack: edges ok$",
                r"^\[linux\] TESSERA-RUN-DONE name=vmstack status=0$",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ "],
     "forbid": [r"stopped:", r"PANIC", r"Oops", r"Kernel panic", r"BUG:",
                r"vmstack: FAIL"]},
]
