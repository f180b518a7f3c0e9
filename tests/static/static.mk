# SPDX-License-Identifier: Apache-2.0
# Static analysis (docs/security.md, "Static analysis"), run by
# tests/static/analyze.py over the translation units this file lists with
# the very flags the build uses. Include last: it reads every other
# fragment's variables.
#
#   make misra          cppcheck's MISRA C 2012 add-on over the hypervisor,
#                       both architectures, against tests/static/misra-deviations.txt
#   make misra-update   rewrite that list from the current findings
#   make clang-tidy     .clang-tidy over the hypervisor, guests and host programs
#   make analyzer       GCC's -fanalyzer over the hypervisor, both architectures
#   make static-analysis  all three
.PHONY: analysis-units misra misra-update clang-tidy analyzer static-analysis

# The hypervisor's, the guests' and the host programs' C files for this
# PLATFORM, one "group|compiler|file|flags" line each (analyze.py asks both
# platforms and drops the host lines the second one repeats).
analysis_unit = $(info $(strip $(1))|$(strip $(2))|$(strip $(3))|$(filter-out -MMD -MP,$(4)))
UNIT_HOST_CFLAGS := $(filter-out $(UNIT_SANITIZE),$(UNIT_CFLAGS)) $(UNIT_CPPFLAGS)

analysis-units:
	$(foreach f,$(filter %.c,$(HYP_SRCS)),\
		$(call analysis_unit,hyp-$(ARCH),$(CC),$(f),$(HYP_CFLAGS)))
	$(foreach f,$(filter %.c,$(GUEST_SRCS)),\
		$(call analysis_unit,guest-$(ARCH),$(GUEST_CC),$(f),$(GUEST_ALL_CFLAGS)))
	$(foreach t,$(GUEST_TESTS),$(call analysis_unit,guest-$(ARCH),$(GUEST_CC),\
		$(GUEST_DIR)/tests/$(t).c,$(GUEST_ALL_CFLAGS) $(GUEST_CFLAGS_$(t))))
	$(foreach f,$(sort $(wildcard tools/*/*.c tests/dtb/*.c)),\
		$(call analysis_unit,host,$(HOSTCC),$(f),$(TOOLS_CFLAGS) $(TOOLS_CPPFLAGS)))
	$(foreach f,$(sort $(wildcard tests/unit/*.c)),\
		$(call analysis_unit,host,$(HOSTCC),$(f),$(UNIT_HOST_CFLAGS)))
	$(foreach f,$(filter tests/%,$(FUZZ_SRCS)),\
		$(call analysis_unit,host,$(FUZZ_CC),$(f),$(FUZZ_CFLAGS) $(TOOLS_CPPFLAGS)))
	$(call analysis_unit,host,$(LINUX_CROSS)gcc,linux/cli/tessera-vm.c,$(LINUX_CLI_CFLAGS))
	@:

misra:
	@python3 tests/static/analyze.py misra

misra-update:
	@python3 tests/static/analyze.py misra --update

clang-tidy:
	@python3 tests/static/analyze.py clang-tidy

analyzer:
	@python3 tests/static/analyze.py analyzer

static-analysis:
	@python3 tests/static/analyze.py misra clang-tidy analyzer
