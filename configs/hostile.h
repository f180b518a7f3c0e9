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

#define HOSTILE_BOOT_ARG(calls_, seconds_) \
	((unsigned long long)(seconds_) << 32 | (unsigned long long)(calls_))

#define HOSTILE_VM(boot_arg_)                                             \
	VM(.name = "hostile", .cpus = CPUS(0, 1),                         \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                  \
	   .images =                                                      \
	       IMAGES(IMAGE("guests/baremetal/hostile.bin", 0x40000000)), \
	   .entry = 0x40000000, .boot_arg = (boot_arg_),                  \
	   .console = PL011(0x09000000, 33))

/* The baremetal neighbour: a tick line every 10 ms, forever. */
#define HEALTHY_VM(name_, ...)                                                \
	VM(.name = name_, .cpus = CPUS(__VA_ARGS__),                          \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                      \
	   .images = IMAGES(IMAGE("guests/baremetal/hello.bin", 0x40000000)), \
	   .entry = 0x40000000, .console = PL011(0x09000000, 33))

/*
 * A VM that makes one forbidden access (guests/baremetal/tests/
 * attack_probe.c): PROBE(address, how), on one CPU, with `memory_` and
 * any more fields of its description (e.g. `.ipcs`).
 */
#define PROBE_READ	   0
#define PROBE_WRITE	   1
#define PROBE_READ_ONLY	   2 /* the read must work, the write not */
#define PROBE_EXEC	   3
#define PROBE_PAIR	   4 /* LDP: no syndrome to emulate from */
#define PROBE(addr_, how_) ((unsigned long long)(addr_) | (how_))

#define PROBE_VM_WITH(name_, cpu_, probe_, memory_, ...)                       \
	VM(.name = name_, .cpus = CPUS(cpu_), .memory = memory_,               \
	   .images =                                                           \
	       IMAGES(IMAGE("guests/baremetal/attack_probe.bin", 0x40000000)), \
	   .entry = 0x40000000, .boot_arg = (probe_),                          \
	   .console = PL011(0x09000000, 33), __VA_ARGS__)
#define PROBE_VM(name_, cpu_, probe_) \
	PROBE_VM_WITH(name_, cpu_, probe_, REGIONS(RAM(0x40000000, 16 * MiB)))

/* The owner of QEMU virt's PL031 RTC and its interrupt 34, which it uses. */
#define RTC_OWNER_VM(name_, cpu_)                                            \
	VM(.name = name_, .cpus = CPUS(cpu_),                                \
	   .memory = REGIONS(RAM(0x40000000, 16 * MiB)),                     \
	   .devices = DEVICES(DEVICE(0x09010000, 0x1000)), .irqs = IRQS(34), \
	   .images = IMAGES(IMAGE("guests/baremetal/rtc.bin", 0x40000000)),  \
	   .entry = 0x40000000, .console = PL011(0x09000000, 33))

#endif
