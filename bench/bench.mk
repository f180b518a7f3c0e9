# SPDX-License-Identifier: Apache-2.0
# Benchmarks (bench/README.md), as a fragment of the top Makefile:
#   make bench         measure, write bench/results.json and bench/results.png
#   make bench-check   measure again into $(BUILD)/bench/ and fail if a figure
#                      got worse than the committed bench/baseline.json by more
#                      than BENCH_TOLERANCE (a fraction; icount is deterministic)
# BENCH_ARCH picks the architectures (a comma-separated list).
.PHONY: bench bench-check

BENCH_ARCH ?= armv8,riscv
BENCH_TOLERANCE ?= 0.10

bench:
	@tools/setup-deps
	@BUILD=$(BUILD) python3 bench/run.py --arch $(BENCH_ARCH)

bench-check:
	@tools/setup-deps
	@BUILD=$(BUILD) python3 bench/run.py --arch $(BENCH_ARCH) \
		--out $(BUILD)/bench/check.json --check bench/baseline.json \
		--tolerance $(BENCH_TOLERANCE)
