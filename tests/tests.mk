# SPDX-License-Identifier: Apache-2.0
# The two commands of the README, and static checks.
.PHONY: test run lint format

# Every test: host unit tests, fuzzing, lint, QEMU scenarios (tests/run.py).
test:
	@tools/setup-deps
	@python3 tests/run.py

# Boot $(CONFIG) in QEMU on this terminal; quit with Ctrl-A then X.
run:
	@tools/setup-deps
	@$(MAKE) --no-print-directory $(HYP_IMAGE)
	$(QEMU) $(QEMU_MACHINE) -nographic -kernel $(HYP_IMAGE)

LINT_SRCS := $(shell git ls-files '*.c' '*.h' 2>/dev/null)
CPPCHECK_FLAGS := --quiet --error-exitcode=1 --inline-suppr \
	--enable=warning,style,performance,portability --std=c11 \
	--suppress=missingIncludeSystem --suppress=unusedFunction \
	-I include -I src -I src/arch/armv8/include

lint:
	cppcheck $(CPPCHECK_FLAGS) -D__aarch64__ src/core src/lib src/platform \
		src/arch/armv8 tools
	clang-format --dry-run --Werror $(LINT_SRCS)

format:
	clang-format -i $(LINT_SRCS)
