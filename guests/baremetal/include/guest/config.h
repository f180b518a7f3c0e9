/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Build-time limits of the test guest. Plain defines only: the assembly entry
 * code includes this too.
 */
#ifndef GUEST_CONFIG_H
#define GUEST_CONFIG_H

/* Per-CPU arrays and stacks are sized for this many vCPUs. */
#define GUEST_MAX_CPUS 8

#define GUEST_STACK_SHIFT 14
#define GUEST_STACK_SIZE  (1 << GUEST_STACK_SHIFT)

/*
 * The vCPU count assumed when neither Tessera (HC_VM_INFO) nor the firmware
 * (PSCI AFFINITY_INFO, SBI HSM hart_get_status) can tell: override with
 * -DGUEST_NCPUS=n.
 */
#ifndef GUEST_NCPUS
#define GUEST_NCPUS 4
#endif

#endif
