/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The compiler helpers GCC calls for __builtin_ctz* on a target without Zbb
 * (the image is built for rv64imac and links no libgcc). Undefined for 0,
 * as the builtins are.
 */
int __ctzdi2(unsigned long long x);
int __ctzsi2(unsigned int x);

int __ctzdi2(unsigned long long x)
{
	int n = 0;

	/* Halve the search each step: 6 steps for 64 bits. */
	for (unsigned shift = 32; shift; shift >>= 1)
		if (!(x & ((1ull << shift) - 1))) {
			x >>= shift;
			n += (int)shift;
		}
	return n;
}

int __ctzsi2(unsigned int x)
{
	return __ctzdi2(x);
}
