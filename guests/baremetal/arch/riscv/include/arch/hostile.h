/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The RISC-V half of the hostile test programs: not written yet. It is to
 * provide what arch/armv8/include/arch/hostile.h provides, with SBI instead
 * of SMCCC (ECALL with a0..a7 loaded and read back; every extension space:
 * legacy, base, TIME, IPI, RFENCE, HSM, SRST, PMU, DBCN, experimental,
 * vendor, firmware and Tessera's own; never SRST, the legacy shutdown or
 * HSM hart_stop / non-retentive suspend of the caller), the NS16550
 * console's byte registers (keeping LCR.DLAB clear) and the PLIC's windows
 * for its own contexts. Until then each hostile program only says so.
 */
#ifndef ARCH_HOSTILE_H
#define ARCH_HOSTILE_H

#include <guest.h>
#include <guest/hostile.h>

#define HOSTILE_UNSUPPORTED "riscv"

#endif
