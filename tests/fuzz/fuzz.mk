# SPDX-License-Identifier: Apache-2.0
# libFuzzer over the validator and the dump (clang from Debian), under
# AddressSanitizer and UBSan. Include after tools/tools.mk, configs/configs.mk
# and tests/unit/unit.mk (fuzz-corpus uses their outputs).
#
#   make fuzz [FUZZ_SECONDS=300]   fuzz; new inputs go to $(BUILD)/fuzz/corpus
#   make fuzz-short                the same for 60 s (the test command's pass)
#   make fuzz-regress              every committed crash and seed, once
#   make fuzz-corpus               regenerate tests/fuzz/corpus/vmdesc from the
#                                  example configs and the unit tests' blobs
# A finding lands in $(BUILD)/fuzz/artifacts/; once fixed, commit it to
# tests/fuzz/crashes/ (see the README there).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 300
FUZZ_OUT := $(BUILD)/fuzz
FUZZ_BIN := $(FUZZ_OUT)/fuzz_vmdesc
FUZZ_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_SRCS := tests/fuzz/fuzz_vmdesc.c tools/tessera-config/dump.c \
	$(VMDESC_HOST_SRCS)
FUZZ_OBJS := $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(FUZZ_SRCS))
FUZZ_CORPUS := tests/fuzz/corpus/vmdesc
FUZZ_DICT := tests/fuzz/vmdesc.dict
FUZZ_REGRESS_FILES = $(filter-out %/README.md,$(wildcard tests/fuzz/crashes/*)) \
	$(wildcard $(FUZZ_CORPUS)/*)

$(FUZZ_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(TOOLS_CPPFLAGS) -MMD -MP -MF $@.d -c $< -o $@

$(FUZZ_BIN): $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $^ -o $@

# $(1): seconds. The first corpus directory receives what the run finds, so
# the committed seeds stay as they are.
define fuzz_run
	@mkdir -p $(FUZZ_OUT)/corpus $(FUZZ_OUT)/artifacts
	$(FUZZ_BIN) -max_total_time=$(1) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_OUT)/artifacts/ -dict=$(FUZZ_DICT) \
		$(FUZZ_OUT)/corpus $(FUZZ_CORPUS)
endef

.PHONY: fuzz fuzz-short fuzz-regress fuzz-corpus
fuzz: $(FUZZ_BIN)
	$(call fuzz_run,$(FUZZ_SECONDS))

fuzz-short: $(FUZZ_BIN)
	$(call fuzz_run,60)

fuzz-regress: $(FUZZ_BIN)
	$(FUZZ_BIN) $(FUZZ_REGRESS_FILES)

# Needs the guest images the example configurations embed. Every example
# blob and every unit-test blob is a candidate; libFuzzer's merge keeps those
# that add coverage, and they get their readable names back.
FUZZ_SEEDS := $(FUZZ_OUT)/seeds
fuzz-corpus: $(CONFIG_BLOBS) $(UNIT_OUT)/test_vmdesc $(FUZZ_BIN)
	rm -rf $(FUZZ_SEEDS) && mkdir -p $(FUZZ_SEEDS) $(FUZZ_CORPUS)
	rm -f $(FUZZ_CORPUS)/*
	for b in $(CONFIG_BLOBS); do \
		cp $$b $(FUZZ_SEEDS)/config-$$(basename $$b); done
	$(UNIT_OUT)/test_vmdesc --write-corpus $(FUZZ_SEEDS) > /dev/null
	$(FUZZ_BIN) -merge=1 $(FUZZ_CORPUS) $(FUZZ_SEEDS)
	for f in $(FUZZ_SEEDS)/*; do \
		h=$$(sha1sum < "$$f" | cut -d' ' -f1); \
		if [ -e $(FUZZ_CORPUS)/$$h ]; then \
			mv $(FUZZ_CORPUS)/$$h "$(FUZZ_CORPUS)/$$(basename "$$f")"; \
		fi; \
	done

-include $(shell find $(FUZZ_OUT)/obj -name '*.o.d' 2>/dev/null)

CLEAN_DIRS += $(FUZZ_OUT)
