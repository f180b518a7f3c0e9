# SPDX-License-Identifier: Apache-2.0
# make soak: the hostile guest's long runs, 10^6 calls next to a baremetal VM
# and next to Linux (SOAK_SCENARIOS in tests/scenarios.py, run by
# tests/soak.py). SOAK_SEED=n builds the hostile guest with that seed, 0 for
# a new one from the clock each run (printed first, so a failure replays);
# without it the guest's default seed is used. SOAK_K=name runs only the
# scenarios whose name contains it.
.PHONY: soak

soak:
	@tools/setup-deps
	@$(if $(SOAK_SEED),GUEST_CFLAGS_hostile=-DSEED=$(SOAK_SEED)) \
		python3 tests/soak.py $(if $(SOAK_K),-k $(SOAK_K))
