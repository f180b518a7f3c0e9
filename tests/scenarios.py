# SPDX-License-Identifier: Apache-2.0
"""What tests/run.py runs: host tests, then QEMU scenarios (see run.py)."""

ARM = "qemu-aarch64-virt"


def arm_machine(gic=3, cpu="cortex-a53", smp=4):
    return ["-machine", f"virt,virtualization=on,gic-version={gic}",
            "-cpu", cpu, "-smp", str(smp), "-m", "1G"]


HOST_TESTS = [
    {"name": "unit", "cmd": ["make", "-s", "unit-test"]},
    {"name": "config-examples", "cmd": ["make", "-s", "check-configs"]},
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
