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
    # Static analysis (tests/static/static.mk, docs/security.md): each fails
    # on any finding that is new.
    {"name": "static-misra", "cmd": ["make", "-s", "misra"]},
    {"name": "static-clang-tidy", "cmd": ["make", "-s", "clang-tidy"]},
    {"name": "static-analyzer", "cmd": ["make", "-s", "analyzer"]},
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
                # Typed before linux0's shell runs, the line may be lost.
                {"seen": r"^\[linux0\] Enter 'help' for a list"},
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
                r"vm 0 \(psci\) reset", r"^\[psci\] an unfinished line$",
                r"^\[psci\] psci\[0\]: came back after SYSTEM_RESET$",
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

# Debian's riscv64 kernel, unmodified, in VMs of its own: the Arm Linux
# scenarios on RISC-V (configs/riscv-linux-vm.h; the attack goes to 0xc0000000,
# the VM's RAM base + 1 GiB, since RAM starts at 0x80000000 here).
SCENARIOS += [
    {"name": "riscv-linux-next-to-baremetal", "platform": RV,
     "config": "test-riscv-linux", "machine": rv_machine(),
     "expect": [r"^\[baremetal\] heartbeat\[0\]: start",
                r"^\[linux\] .*Linux version .*riscv64",
                r"^\[linux\] " + LINUX_INIT,
                {"send": "echo marker-$((6*7))\n"},
                r"^\[linux\] marker-42$",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ ",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ "],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"Oops"],
     "timeout": 120},
    # Harts without Sstc: Linux's timer through SBI TIME (its tree says so).
    {"name": "riscv-linux-no-sstc", "platform": RV,
     "config": "test-riscv-linux-no-sstc", "machine": rv_machine(cpu="rv64,sstc=off"),
     "expect": [r"^\[linux\] " + LINUX_INIT,
                {"send": "sleep 1; echo slept-$((6*7))\n"},
                r"^\[linux\] slept-42$",
                r"^\[baremetal\] heartbeat\[0\]: alive: \d+ "],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"Oops"],
     "timeout": 120},
    {"name": "riscv-linux-attack-stopped", "platform": RV,
     "config": "test-riscv-linux-attack", "machine": rv_machine(),
     "expect": [r"^\[linux\] " + LINUX_INIT,
                r"^\[linux\] linux-attack: writing to 0xc0000000",
                r"vm 0 \(linux\) stopped: vcpu \d, pc 0x[0-9a-f]+, address 0xc0000000: "
                r"access outside the VM's memory",
                r"^\[baremetal\] hello\[0\]: tick \d+",
                r"^\[baremetal\] hello\[0\]: tick \d+"],
     "forbid": [r"survived", r"PANIC", r"vm 1 \(baremetal\) stopped"],
     "timeout": 120},
    {"name": "riscv-two-linux-one-powers-off", "platform": RV,
     "config": "test-riscv-two-linux", "machine": rv_machine(), "timeout": 180,
     "expect": [r"^\[linux1\] " + LINUX_INIT, r"^\[linux1\] linux-off: powering off",
                r"vm 1 \(linux1\) powered off",
                # Typed before linux0's shell runs, the line may be lost.
                {"seen": r"^\[linux0\] Enter 'help' for a list"},
                {"send": "echo still-$((40+2)) on $(nproc) cpus\n"},
                r"^\[linux0\] still-42 on 2 cpus$"],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"all VMs are off"]},
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

# Robustness (issue 13). The hostile guest (guests/baremetal/tests/
# hostile.c) makes its calls next to a baremetal VM and next to Linux, which
# must not notice; it must never be stopped before "done", never break a
# promise of the interface ("finding:"), never make the hypervisor leak;
# its last, fatal access must stop it alone.
HOSTILE = r"^\[hostile\] hostile\[0\]: "
HOSTILE_NO_LEAK = (HOSTILE + r"hypervisor: free pages (\d+) before, \1 after; "
                   r"VMs in use (\d+)/\2$")
HOSTILE_DONE = HOSTILE + r"done \d+ calls, seed 0x[0-9a-f]+, \d+ interrupts, 0 findings$"
OUTSIDE = "access outside the VM's memory"


def stopped(vm, name, address, why):
    """The hypervisor's line for VM `vm` (`name`) stopped at `address`."""
    return (r"^\[tessera\] vm %d \(%s\) stopped: vcpu 0, pc 0x[0-9a-f]+, "
            r"address %s: %s" % (vm, name, address, why))


HOSTILE_STOPPED = stopped(0, "hostile", "0x[0-9a-f]+", OUTSIDE + "$")
# A reset or power-off would restart or end the run unnoticed otherwise.
HOSTILE_FORBID = [r"PANIC", r"^\[hostile\] .*(FAIL|finding:|unexpected|survived)",
                  r"vm 0 \(hostile\) (reset|powered off)"]


def hostile_next_to_baremetal(name, config, timeout, platform=ARM):
    return {"name": name, "config": config, "platform": platform,
            "machine": arm_machine() if platform == ARM else rv_machine(),
            "timeout": timeout,
            "expect": [HOSTILE + r"seed 0x[0-9a-f]+$", HOSTILE + r"10000 calls, seed ",
                       r"^\[healthy\] hello\[0\]: tick \d+$", HOSTILE_NO_LEAK,
                       HOSTILE_DONE, HOSTILE_STOPPED,
                       r"^\[healthy\] hello\[0\]: tick \d+$",
                       r"^\[healthy\] hello\[0\]: tick \d+$"],
            "forbid": HOSTILE_FORBID + [r"vm 1 \(healthy\) stopped",
                                        r"^\[healthy\] .*unexpected"]}


def hostile_next_to_linux(name, config, timeout, platform=ARM):
    return {"name": name, "config": config, "platform": platform,
            "machine": arm_machine() if platform == ARM else rv_machine(),
            "timeout": timeout,
            "expect": [HOSTILE + r"seed 0x[0-9a-f]+$", r"^\[linux\] " + LINUX_INIT,
                       {"send": "echo during-$((6*7))\n"}, r"^\[linux\] during-42$",
                       HOSTILE + r"\d+ calls, seed ",  # still at it
                       HOSTILE_NO_LEAK, HOSTILE_DONE, HOSTILE_STOPPED,
                       {"send": "echo after-$((6*7))\n"}, r"^\[linux\] after-42$"],
            "forbid": HOSTILE_FORBID + [r"vm 1 \(linux\) stopped", r"Kernel panic",
                                        r"Oops", r"BUG:"]}


SCENARIOS += [
    hostile_next_to_baremetal("arm-hostile-next-to-baremetal", "test-hostile", 120),
    hostile_next_to_linux("arm-hostile-next-to-linux", "test-hostile-linux", 300),
    hostile_next_to_baremetal("riscv-hostile-next-to-baremetal", "test-riscv-hostile",
                              180, RV),
    hostile_next_to_linux("riscv-hostile-next-to-linux", "test-riscv-hostile-linux",
                          300, RV),
]

# make soak (tests/soak.mk, tests/soak.py): the same with 10^6 calls.
SOAK_SCENARIOS = [
    hostile_next_to_baremetal("arm-soak-hostile-next-to-baremetal",
                              "test-hostile-soak", 900),
    hostile_next_to_linux("arm-soak-hostile-next-to-linux",
                          "test-hostile-linux-soak", 1200),
    hostile_next_to_baremetal("riscv-soak-hostile-next-to-baremetal",
                              "test-riscv-hostile-soak", 1200, RV),
    hostile_next_to_linux("riscv-soak-hostile-next-to-linux",
                          "test-riscv-hostile-linux-soak", 1500, RV),
]

# The isolation catalogue (configs/test-iso-*.c, configs/test-riscv-iso-*.c;
# the other VM's memory is {arm,riscv}-attack-other-memory): each offender
# stopped or refused with its log line, each neighbour unaffected. What
# differs between the architectures: configurations, addresses, the RTC's
# interrupt and the interrupt controller's registers.
ISO_ARCHES = {
    "arm": {"platform": ARM, "machine": arm_machine(), "cfg": "test-iso-",
            "past_ram": "0x41000000", "rtc": "0x9010000", "rtc_irq": 34,
            "shmem": "0x50000000", "perm": "0x42000000", "console": "0x9000000",
            "unemulable": ("load-pair", "0x8000000"), "calls_timeout": 120,
            "irq_writes": ["enabling", "routing to ourselves", "making pending"]},
    "riscv": {"platform": RV, "machine": rv_machine(), "cfg": "test-riscv-iso-",
              "past_ram": "0x81000000", "rtc": "0x101000", "rtc_irq": 11,
              "shmem": "0x90000000", "perm": "0x82000000", "console": "0x10000000",
              "unemulable": ("atomic", "0xc000000"), "calls_timeout": 180,
              "irq_writes": ["enabling on our context",
                             "enabling on the next hart's context",
                             "completing, then claiming,"]},
}


def iso_scenarios(arch, a):
    intruder, owner = r"^\[intruder\] attack_irq\[0\]: ", r"^\[owner\] rtc\[0\]: "
    rtc_alarm = owner + r"alarm 2: interrupt %d " % a["rtc_irq"]
    owner_forbid = r"^\[owner\] .*(FAIL|unexpected|without an alarm)"
    common = {"platform": a["platform"], "machine": a["machine"], "timeout": 60}
    return [dict(common, **sc) for sc in [
        {"name": f"{arch}-iso-hypervisor-memory", "config": a["cfg"] + "hypmem",
         "unordered": True,
         "expect": [stopped(0, "probe-low", "0x0", OUTSIDE),
                    stopped(1, "probe-past-ram", a["past_ram"], OUTSIDE),
                    stopped(2, "probe-high", "0xffe00000", OUTSIDE),
                    r"^\[healthy\] hello\[0\]: tick 30$"],
         "forbid": [r"survived", r"PANIC", r"vm 3 \(healthy\) stopped"]},
        {"name": f"{arch}-iso-device", "config": a["cfg"] + "device", "exits": True,
         "expect": [r"^\[intruder\] attack_probe\[0\]: reading %s$" % a["rtc"],
                    stopped(0, "intruder", a["rtc"], OUTSIDE), rtc_alarm,
                    owner + r"PASS$", r"all VMs are off"],
         "forbid": [r"survived", r"PANIC", r"vm 1 \(owner\) stopped", owner_forbid]},
        {"name": f"{arch}-iso-interrupt", "config": a["cfg"] + "irq", "exits": True,
         "expect": [intruder + r"%s interrupt %d: ignored$" % (w, a["rtc_irq"])
                    for w in a["irq_writes"]] +
                   [intruder + r"\d+ SGIs to vCPUs we do not have: none delivered$",
                    intruder + r"an SGI to ourselves: delivered$", intruder + r"PASS$",
                    rtc_alarm, owner + r"PASS$", r"all VMs are off"],
         "forbid": [r"PANIC", r"vm \d \((intruder|owner)\) stopped", owner_forbid,
                    r"^\[intruder\] .*(FAIL|misdelivered)"]},
        {"name": f"{arch}-iso-child-tee-ipc-calls", "config": a["cfg"] + "calls",
         "timeout": a["calls_timeout"], "exits": True, "unordered": True,
         "expect": [r"^\[intruder\] attack_calls\[0\]: \d+ rounds, \d+ calls, all refused",
                    r"^\[intruder\] attack_calls\[0\]: PASS$",
                    r"^\[parent\] vmstack\[0\]: child 2 yielded 202$",
                    r"^\[parent\] vmstack\[0\]: \d+ creates and destroys: free pages (\d+) "
                    r"before, \1 after",
                    r"^\[parent\] vmstack\[0\]: PASS$", r"all VMs are off"],
         "forbid": [r"PANIC", r"FAIL", r"survived",
                    r"vm [01] \((parent|intruder)\) stopped"]},
        {"name": f"{arch}-iso-shared-region", "config": a["cfg"] + "shmem",
         "expect": [r"^\[intruder\] attack_probe\[0\]: reading %s$" % a["shmem"],
                    stopped(0, "intruder", a["shmem"], OUTSIDE),
                    r"^\[member\] hello\[0\]: tick \d+$",
                    r"^\[member\] hello\[0\]: tick \d+$"],
         "forbid": [r"survived", r"PANIC", r"vm 1 \(member\) stopped"]},
        {"name": f"{arch}-iso-stage2-permissions", "config": a["cfg"] + "perm",
         "unordered": True,
         "expect": [r"^\[ro-writer\] attack_probe\[0\]: read 0x0 from %s: allowed$"
                    % a["perm"],
                    stopped(0, "ro-writer", a["perm"], "write to read-only memory$"),
                    r"^\[tessera\] vm 1 \(nx-runner\) stopped: vcpu 0, pc %s, "
                    r"address %s: instruction fetch" % (a["perm"], a["perm"]),
                    r"^\[healthy\] hello\[0\]: tick 30$"],
         "forbid": [r"survived", r"PANIC", r"vm 2 \(healthy\) stopped"]},
        {"name": f"{arch}-iso-bad-device-access", "config": a["cfg"] + "bad-access",
         "unordered": True,
         "expect": [stopped(0, "wide-read", a["console"], "bad emulated device access$"),
                    stopped(1, a["unemulable"][0], a["unemulable"][1],
                            "device access with an instruction that cannot be emulated$"),
                    r"^\[healthy\] hello\[0\]: tick 30$"],
         "forbid": [r"survived", r"PANIC", r"vm 2 \(healthy\) stopped"]},
    ]]


for _arch, _params in ISO_ARCHES.items():
    SCENARIOS += iso_scenarios(_arch, _params)
SCENARIOS += [
    {"name": "arm-iso-shared-region-read-only", "config": "test-iso-shmem-ro",
     "machine": arm_machine(), "timeout": 60,
     "expect": [r"^\[ro-writer\] attack_probe\[0\]: read 0x0 from 0x50000000: allowed$",
                stopped(0, "ro-writer", "0x50000000", "write to read-only memory$"),
                r"^\[owner\] hello\[0\]: tick \d+$", r"^\[owner\] hello\[0\]: tick \d+$"],
     "forbid": [r"survived", r"PANIC", r"vm 1 \(owner\) stopped"]},
]

# TEE containment and restart (docs/tee.md) with the small trusted OS of ours
# (configs/tee-trustos.h): "tclient" has "tos" read another TEE's memory,
# another VM's, the hypervisor's, and spin; each time the TEE is stopped with
# one line, the call fails, the client restarts it and calls work again.
TCLIENT = r"^\[tclient\] teeclient\[0\]: "
TOS_MISBEHAVIOURS = [
    ("read another TEE's memory", "0x7a000000", OUTSIDE),
    ("read another VM's memory", "0x7c000000", OUTSIDE),
    ("read the hypervisor's memory", "0x40000000", OUTSIDE),
    ("never return", "0x1388", r"TEE entry did not end within its bound"),
]


def tee_misbehaviour_rounds(rounds):
    lines = [r"^\[tessera\] vm 1 \(tos\): TEE ready for vm 0 \(tclient\)",
             TCLIENT + r"calls answered: UID 7e55e4a1-\.\.\., revision 1\.0, "]
    for r in rounds:
        for what, address, why in TOS_MISBEHAVIOURS:
            lines += [TCLIENT + r"round %d: telling the TEE to %s$" % (r, what),
                      stopped(1, "tos", address, why),
                      TCLIENT + r"round %d: the call failed after \d+ ms$" % r,
                      r"^\[tessera\] vm 1 \(tos\): restarted from its image by "
                      r"its client vm 0 \(tclient\)$",
                      r"^\[tos\] trustos\[0\]: booted",
                      TCLIENT + r"round %d: restarted, calls answered again$" % r]
        lines.append(TCLIENT + r"round %d passed$" % r)
    return lines


TCLIENT_STOPPED = r"^\[tessera\] vm \d \(tos\) stopped: "
TEE_NEIGHBOURS_FORBID = [r"PANIC", r"TEE protocol",
                         r"^\[(tclient|nclient|tos|ntos|healthy)\] .*(FAIL|survived|unexpected)",
                         r"vm \d \((nclient|ntos|healthy|linux|optee)\) stopped"]
SCENARIOS += [
    {"name": "arm-tee-trustos-contained", "config": "test-tee-trustos",
     "machine": arm_machine(), "timeout": 120,
     "expect": tee_misbehaviour_rounds([1, 2]) + [
         TCLIENT + r"PASS$",
         r"^\[tessera\] vm 1 \(tos\) powered off with its client vm 0 \(tclient\)$",
         r"^\[nclient\] teeclient\[0\]: \d+ calls answered$",
         r"^\[healthy\] hello\[0\]: tick \d+$"],
     "forbid": TEE_NEIGHBOURS_FORBID},
]

# A per-VM TEE (docs/tee.md): Debian's Linux with its own Debian OP-TEE OS in
# a TEE VM stacked on its CPUs, the hypervisor as the dispatcher; Debian's
# optee.ko probes it, tee-supplicant serves it and a set of xtest regression
# cases passes (guests/linux/scripts/optee) while, on the other CPUs, the
# small trusted OS is stopped and restarted over and over and its neighbour
# pair goes on.
SCENARIOS += [
    {"name": "arm-linux-optee", "config": "test-linux-optee",
     "machine": arm_machine(), "timeout": 420,
     "expect": [r"^\[tessera\] vm 1 \(optee\): OP-TEE 4\.5\.0 .*secure-timer "
                r"instructions now use the EL1 physical timer",
                r"^\[tessera\] vm 1 \(optee\): TEE ready for vm 0 \(linux\), "
                r"vector table at 0x[0-9a-f]+$",
                r"^\[optee\] I/TC: Secondary CPU 1 switching to normal world boot",
                r"^\[linux\] " + LINUX_INIT,
                r"^\[optee\] I/TC: Dynamic shared memory is enabled",
                r"^\[optee\] I/TC: Asynchronous notifications are enabled",
                r"^\[linux\] optee: /dev/tee0 and /dev/teepriv0 are there$",
                r"^\[linux\] optee: tee-supplicant running",
                TCLIENT_STOPPED, TCLIENT + r"round \d+ passed$",
                r"^\[linux\] \d+ subtests of which 0 failed$",
                r"^\[linux\] \d+ test cases of which 0 failed$",
                r"^\[linux\] TESSERA-RUN-DONE name=optee status=0$",
                r"^\[tessera\] vm 1 \(optee\) powered off with its client vm 0 "
                r"\(linux\)$",
                TCLIENT + r"round \d+ passed$",
                r"^\[nclient\] teeclient\[0\]: \d+ calls answered$"],
     "forbid": TEE_NEIGHBOURS_FORBID + [
         r"Kernel panic", r"Oops", r"BUG:", r"OVERLAP", r"\[optee\] E/TC:.*Panic at"]},
]

# The QEMU virt preset: a program for plain QEMU virt reads the machine
# from the device tree it is booted with.
SCENARIOS += [
    {"name": f"{arch}-qemu-virt-preset", "platform": plat, "config": cfg,
     "machine": machine, "timeout": 60, "exits": True,
     "expect": [r"^\[virt\] fdt\[0\]: device tree at 0x[0-9a-f]+, \d+ bytes",
                r"^\[virt\] fdt\[0\]: memory %s \+ 0x4000000, 2 cpus$" % base,
                r"^\[virt\] fdt\[0\]: PASS", r"all VMs are off"],
     "forbid": [r"FAIL", r"PANIC", r"stopped:"]}
    for arch, plat, cfg, machine, base in [
        ("arm", ARM, "test-virt-preset", arm_machine(), "0x40000000"),
        ("riscv", RV, "test-riscv-virt-preset", rv_machine(), "0x80000000")]
]

# IPC (docs/ipc.md): two VMs exchange 10,000 messages over shared memory and
# doorbells and agree on the checksum; a VM on no link is refused the
# doorbell and stopped at the region's physical address; a read-only link
# is read-only (guests/baremetal/tests/ipc.c).
SCENARIOS += [
    {"name": f"{arch}-ipc-ping-pong", "platform": plat, "config": cfg,
     "machine": machine, "timeout": 420, "exits": True, "unordered": True,
     "expect": [r"^\[ping\] ipc\[0\]: notify to vm 2, not on the link: -3$",
                r"vm 0 \(ping\): notify refused: link 0, target 2: not a peer",
                r"^\[intruder\] ipc\[0\]: notify on link 0: -6 to vm 0, -6 to every peer$",
                r"vm 2 \(intruder\): notify refused: link 0, target 0: no such link",
                stopped(2, "intruder", pa, OUTSIDE + "$"),
                r"^\[reader\] ipc\[0\]: read-only view: ping's message \d+ is there$",
                r"^\[reader\] ipc\[0\]: rang the peers 20000 times: \d+ doorbells, "
                r"ping at message \d+$",
                stopped(3, "reader", r"0x5000000[0-9a-f]", "write to read-only memory$"),
                r"^\[ping\] ipc\[0\]: 10000 messages, checksum 0x[0-9a-f]{16}, "
                r"\d+ us, \d+ spurious doorbells$",
                r"^\[pong\] ipc\[0\]: 10000 messages, checksum 0x[0-9a-f]{16}, "
                r"the same as ping's, \d+ spurious doorbells$",
                r"^\[ping\] ipc\[0\]: PASS$", r"^\[pong\] ipc\[0\]: PASS$",
                r"all VMs are off"],
     "forbid": [r"PANIC", r"FAIL", r"survived", r"vm [01] \((ping|pong)\) stopped"]}
    for arch, plat, cfg, machine, pa in [
        ("arm", ARM, "test-ipc", arm_machine(), "0x7ff00000"),
        ("riscv", RV, "test-riscv-ipc", rv_machine(), "0xbff00000")]
]

# Linux's end of a link: tessera.ko's /dev/tessera-ipc0 and a baremetal VM
# that prints each message and answers it (guests/linux/scripts/ipc).
SCENARIOS += [
    {"name": "arm-linux-ipc", "config": "test-linux-ipc",
     "machine": arm_machine(), "timeout": 300,
     "expect": [r"^\[echo\] ipc_echo\[0\]: waiting for messages$",
                r"^\[linux\] " + LINUX_INIT,
                r"^\[linux\] ipc: /dev/tessera-ipc0 is there$",
                r"^\[echo\] ipc_echo\[0\]: message 1 from linux: hello$",
                r"^\[linux\] ipc: answer: echo: hello$",
                r"^\[echo\] ipc_echo\[0\]: message 101 from linux: message 100 of 100$",
                r"^\[linux\] ipc: 100 more answers ok$",
                r"^\[linux\] ipc: poll with nothing sent: nothing$",
                r"^\[linux\] ipc: poll while the answer comes: in pri $",
                r"^\[linux\] ipc: notify ioctl: rang 1$",
                r"^\[linux\] ipc: mmap: box 0 seq 102 ack 102 len 11, "
                r"box 1 seq 102 ack 102 len 17$",
                r"^\[linux\] TESSERA-RUN-DONE name=ipc status=0$"],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"Oops", r"BUG:",
                r"ipc: FAIL", r"FAIL"]},
]

# Cache coloring (docs/cache-coloring.md): each VM's own frame report must
# show exactly its configured colors and its memory size in 4 KiB frames,
# and every page it has must be a frame of its own.
def colors_report(vm, frames, colors, runs=r"\d+"):
    return [r"^\[tessera\] vm \d \(%s\): %d frames, colors %s, %s runs$"
            % (vm, frames, colors, runs),
            r"^\[%s\] colors\[0\]: frames %d, colors %s, runs %s$"
            % (vm, frames, colors, runs),
            r"^\[%s\] colors\[0\]: \d+ pages written and read back, all distinct$"
            % vm,
            r"^\[%s\] colors\[0\]: PASS$" % vm]


COLORED_VMS = (colors_report("rt", 8192, "0x3f")
               + colors_report("bulk", 16384, "0x3fc0")
               + colors_report("monitor", 4096, "0x3000")
               + colors_report("plain", 4096, "0xffff", "1"))

SCENARIOS += [
    {"name": f"{arch}-colors-baremetal", "platform": plat, "config": cfg,
     "machine": machine, "timeout": 90, "exits": True, "unordered": True,
     "expect": COLORED_VMS + [r"all VMs are off"] + shared,
     "forbid": [r"FAIL", r"PANIC", r"stopped:"]}
    for arch, plat, cfg, machine, shared in [
        ("arm", ARM, "test-colors", arm_machine(),
         [r"^\[tessera\] shared memory 0 \(tiles\): 256 KiB at 0x[0-9a-f]+, "
          r"colors 0xc000$"]),
        ("riscv", RV, "test-riscv-colors", rv_machine(), [])]
] + [
    {"name": f"{arch}-colors-vmstack", "platform": plat, "config": cfg,
     "machine": machine, "timeout": 120, "exits": True,
     "expect": [r"^\[parent\] vmcolors\[0\]: parent: frames 16384, colors 0xff$",
                r"^\[colored-child\] vmchild\[0\]: child 0: frames %d, colors 0xc, "
                r"runs %d$" % (frames, frames // 2),
                r"^\[colored-child\] vmchild\[0\]: child 0: \d+ pages distinct$",
                r"^\[parent\] vmcolors\[0\]: colored-child yielded %d frames; "
                r"we have %d while it lives$" % (frames, 16384 - frames),
                r"^\[parent\] vmcolors\[0\]: colored-child destroyed: frames 16384, "
                r"colors 0xff, runs \d+ back$",
                r"^\[plain-child\] vmchild\[0\]: child 1: frames %d, colors 0xff, "
                r"runs \d+$" % frames,
                r"^\[parent\] vmcolors\[0\]: plain-child destroyed: frames 16384, ",
                r"create refused: .*colors the parent does not have",
                r"^\[parent\] vmcolors\[0\]: child with colors we lack: status -7$",
                r"^\[parent\] vmcolors\[0\]: 200 colored creates and destroys: "
                r"free pages (\d+) before, \1 after, VMs 2/2$",
                r"^\[parent\] vmcolors\[0\]: PASS$", r"all VMs are off"],
     "forbid": [r"FAIL", r"PANIC", r"stopped:"]}
    for arch, plat, cfg, machine, frames in [
        ("arm", ARM, "test-vmstack-colors", arm_machine(), 256),
        ("riscv", RV, "test-riscv-vmstack-colors", rv_machine(), 768)]
]

# Debian's Linux in a colored VM boots to its shell (Arm); the baremetal VM
# has long passed when Linux's init runs.
SCENARIOS += [
    {"name": "arm-colors-linux", "config": "test-linux-colors",
     "machine": arm_machine(), "timeout": 180,
     "expect": [r"^\[tessera\] vm 0 \(linux\): 65536 frames, colors 0xff, \d+ runs$",
                r"^\[tessera\] vm 1 \(baremetal\): 4096 frames, colors 0xff00, \d+ runs$",
                r"^\[baremetal\] colors\[0\]: PASS$",
                r"^\[linux\] " + LINUX_INIT,
                r"^\[linux\] Enter 'help' for a list",
                {"send": "echo colored-$((6*7))\n"},
                r"^\[linux\] colored-42$"],
     "forbid": [r"stopped:", r"PANIC", r"Kernel panic", r"Oops", r"FAIL"]},
]

# A colored hypervisor (colors 14-15): its image on frames of its colors,
# read back from its own tables; its old frames back in the pool (on Arm
# "tiny" lands on them); the VMs as in the scenarios above.
HYP_COLORED = r"^\[tessera\] hypervisor recolored: image on (\d+) frames, " \
              r"colors 0xc000, \d+ runs; \1 frames released$"
SCENARIOS += [
    {"name": f"{arch}-colors-hypervisor", "platform": plat, "config": cfg,
     "machine": machine, "timeout": 90, "exits": True, "unordered": True,
     "expect": [HYP_COLORED] + extra
     + colors_report("rt", 8192, "0x3f") + colors_report("bulk", 4096, "0xc0")
     + colors_report("tiny", tiny, "0x3f00") + colors_report("plain", 4096, "0xffff", "1")
     + [r"all VMs are off"],
     "forbid": [r"FAIL", r"PANIC", r"stopped:"]}
    for arch, plat, cfg, machine, tiny, extra in [
        ("arm", ARM, "test-hyp-colors", arm_machine(), 64,
         [r"^\[tessera\]   memory 0x40000000-0x4003ffff -> 0x40[01][0-9a-f]{5} "]),
        ("riscv", RV, "test-riscv-hyp-colors", rv_machine(), 1024, [])]
]
