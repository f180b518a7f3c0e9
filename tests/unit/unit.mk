# SPDX-License-Identifier: Apache-2.0
# Host unit tests, built with $(HOSTCC) under AddressSanitizer and UBSan
# (UNIT_SANITIZE= to build without). `make unit-test` runs them all.
# Every tests/unit/test_<name>.c is one test program, linked with the harness
# (unit.c) and the sources in UNIT_SRCS_<name>, all compiled again here so the
# sanitizers see inside them. Needs tools/tools.mk first.

UNIT_OUT := $(BUILD)/tests/unit
UNIT_SANITIZE ?= -fsanitize=address,undefined -fno-sanitize-recover=undefined
UNIT_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror $(UNIT_SANITIZE) \
	$(HOSTCFLAGS)
UNIT_CPPFLAGS := $(TOOLS_CPPFLAGS) -Isrc/arch/armv8/include -Itests/unit

UNIT_SRCS_vmdesc := tools/mkconfig/serialize.c tools/tessera-config/dump.c \
	$(VMDESC_HOST_SRCS)
UNIT_SRCS_core := src/core/mem.c src/arch/armv8/pt.c src/lib/format.c src/lib/sha256.c

UNIT_NAMES := $(patsubst tests/unit/test_%.c,%,\
	$(sort $(wildcard tests/unit/test_*.c)))
UNIT_TESTS := $(patsubst %,$(UNIT_OUT)/test_%,$(UNIT_NAMES))
unit_objs = $(patsubst %.c,$(UNIT_OUT)/obj/%.o,tests/unit/test_$(1).c \
	tests/unit/unit.c $(UNIT_SRCS_$(1)))

$(UNIT_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_CPPFLAGS) -MMD -MP -MF $@.d -c $< -o $@

# Explicit prerequisites per test, so make keeps the objects.
$(foreach n,$(UNIT_NAMES),$(eval $(UNIT_OUT)/test_$(n): $(call unit_objs,$(n))))
$(UNIT_TESTS):
	$(HOSTCC) $(UNIT_CFLAGS) $^ -o $@

.PHONY: unit-test
unit-test: $(UNIT_TESTS)
	@rc=0; for t in $(UNIT_TESTS); do echo "== $$t"; $$t || rc=1; done; \
	exit $$rc

-include $(shell find $(UNIT_OUT)/obj -name '*.o.d' 2>/dev/null)

CLEAN_DIRS += $(UNIT_OUT)
