/*
 * The VMs of the robustness configurations (issue 13): test-hostile*.c and
 * the isolation catalogue, test-iso-*.c.
 *
 * HOSTILE_VM: the hostile guest (guests/baremetal/tests/hostile.c) on CPUs
 * 0-1, 16 MiB at 0x40000000 (the guest's RAM_SIZE), a console on interrupt
 * 33 (its CONSOLE_IRQ), nothing else it owns. Its boot_arg sets the run:
 * HOSTILE_BOOT_ARG(calls, seconds) makes at least `calls` calls and keeps
 * calling for at least `seconds`.
 */
#ifndef CONFIGS_HOSTILE_H
#define CONFIGS_HOSTILE_H

#include <tessera/config.h>

/*
 * The board's layout: Arm's by default, RISC-V's when the configuration
 * defines HOSTILE_RISCV before including this file (RAM at 0x80000000,
 * images entered at 0x80200000, the NS16550 on PLIC source 10).
 */
#ifdef HOSTILE_RISCV
#define HOSTILE_RAM   0x80000000
#define HOSTILE_ENTRY 0x80200000
#define HOSTILE_GUEST(name_) \
	IMAGE("guests/baremetal-riscv/" name_ ".bin", HOSTILE_ENTRY)
#define HOSTILE_CONSOLE NS16550(0x10000000, 10)
#define HOSTILE_RTC	0x00101000 /* goldfish, PLIC source 11 */
#define HOSTILE_RTC_IRQ 11
#else
#define HOSTILE_RAM   0x40000000
#define HOSTILE_ENTRY 0x40000000
#define HOSTILE_GUEST(name_) \
	IMAGE("guests/baremetal/" name_ ".bin", HOSTILE_ENTRY)
#define HOSTILE_CONSOLE PL011(0x09000000, 33)
#define HOSTILE_RTC	0x09010000 /* PL031, interrupt 34 */
#define HOSTILE_RTC_IRQ 34
#endif

#define HOSTILE_BOOT_ARG(calls_, seconds_) \
	((unsigned long long)(seconds_) << 32 | (unsigned long long)(calls_))

#define HOSTILE_VM(boot_arg_)                                                  \
	VM(.name = "hostile", .cpus = CPUS(0, 1),                              \
	   .memory = REGIONS(RAM(HOSTILE_RAM, 16 * MiB)),                      \
	   .images = IMAGES(HOSTILE_GUEST("hostile")), .entry = HOSTILE_ENTRY, \
	   .boot_arg = (boot_arg_), .console = HOSTILE_CONSOLE)

/* The baremetal neighbour: a tick line every 10 ms, forever. */
#define HEALTHY_VM_WITH(name_, devices_, irqs_, ...)                           \
	VM(.name = name_, .cpus = CPUS(__VA_ARGS__),                           \
	   .memory = REGIONS(RAM(HOSTILE_RAM, 16 * MiB)), .devices = devices_, \
	   .irqs = irqs_, .images = IMAGES(HOSTILE_GUEST("hello")),            \
	   .entry = HOSTILE_ENTRY, .console = HOSTILE_CONSOLE)
#define HEALTHY_VM(name_, ...) HEALTHY_VM_WITH(name_, {0}, {0}, __VA_ARGS__)

/*
 * A VM that makes one forbidden access (guests/baremetal/tests/
 * attack_probe.c): PROBE(address, how), on one CPU, with `memory_` and
 * any more fields of its description (e.g. `.ipcs`).
 */
#define PROBE_READ	   0
#define PROBE_WRITE	   1
#define PROBE_READ_ONLY	   2 /* the read must work, the write not */
#define PROBE_EXEC	   3
#define PROBE_UNEMULABLE   4 /* Arm: LDP, no syndrome; RISC-V: an AMO */
#define PROBE(addr_, how_) ((unsigned long long)(addr_) | (how_))

#define PROBE_VM_WITH(name_, cpu_, probe_, memory_, ...)         \
	VM(.name = name_, .cpus = CPUS(cpu_), .memory = memory_, \
	   .images = IMAGES(HOSTILE_GUEST("attack_probe")),      \
	   .entry = HOSTILE_ENTRY, .boot_arg = (probe_),         \
	   .console = HOSTILE_CONSOLE, __VA_ARGS__)
#define PROBE_VM(name_, cpu_, probe_) \
	PROBE_VM_WITH(name_, cpu_, probe_, REGIONS(RAM(HOSTILE_RAM, 16 * MiB)))

/* The owner of QEMU virt's RTC and its interrupt, which it uses. */
#define RTC_OWNER_VM(name_, cpu_)                                          \
	VM(.name = name_, .cpus = CPUS(cpu_),                              \
	   .memory = REGIONS(RAM(HOSTILE_RAM, 16 * MiB)),                  \
	   .devices = DEVICES(DEVICE(HOSTILE_RTC, 0x1000)),                \
	   .irqs = IRQS(HOSTILE_RTC_IRQ),                                  \
	   .images = IMAGES(HOSTILE_GUEST("rtc")), .entry = HOSTILE_ENTRY, \
	   .console = HOSTILE_CONSOLE)

#endif
