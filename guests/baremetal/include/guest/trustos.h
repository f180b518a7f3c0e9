/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The calls of the small trusted OS (tests/trustos.c) as its client
 * (tests/teeclient.c) makes them: SMCCC calls over SMC in the trusted-OS
 * ranges, answered the way OP-TEE's SMC ABI answers (status in x0, values in
 * x1..x3). Function number 0xff00 and up is ours; OP-TEE's own calls stay
 * below it.
 */
#ifndef GUEST_TRUSTOS_H
#define GUEST_TRUSTOS_H

/* OP-TEE's SMC ABI: the API UID and revision (owner 63, fast). */
#define TOS_CALLS_UID	   0xbf00ff01ul
#define TOS_CALLS_REVISION 0xbf00ff03ul
/* Ours, owner 50 (trusted OS). Echo: x1, x2 back, and the number of calls
 * served since the trusted OS booted. */
#define TOS_ECHO_FAST  0xb200ff00ul
#define TOS_ECHO_YIELD 0x3200ff00ul
/* Misbehave on purpose (yielding): x1 = a TOS_BAD_*, x2 = the address. */
#define TOS_MISBEHAVE 0x3200ff01ul

#define TOS_BAD_READ 1 /* read 8 bytes at x2 */
#define TOS_BAD_SPIN 2 /* never return, interrupts masked */

/* OP-TEE's OPTEE_SMC_RETURN_OK / UNKNOWN_FUNCTION. */
#define TOS_OK		     0ul
#define TOS_UNKNOWN_FUNCTION 0xfffffffful

/* The UID the trusted OS answers TOS_CALLS_UID with (its own, not OP-TEE's
 * message protocol's: it does not speak optee_msg). */
#define TOS_UID0	   0x7e55e4a1ul
#define TOS_UID1	   0x7c0a4d5eul
#define TOS_UID2	   0x9b1f2e3dul
#define TOS_UID3	   0x05a1ab1eul
#define TOS_REVISION_MAJOR 1ul
#define TOS_REVISION_MINOR 0ul

#endif
