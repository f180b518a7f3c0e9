/* SPDX-License-Identifier: Apache-2.0 */
/* What every emulated UART model shares: the VM's output, a line at a time. */
#include "vm.h"
#include "vuart.h"

void vuart_flush(struct vuart *u)
{
	console_write(u->vm->name, u->line, u->line_len);
	u->line_len = 0;
}

void vuart_put(struct vuart *u, char c)
{
	u->line[u->line_len++] = c;
	if (c == '\n' || u->line_len == VUART_LINE_MAX)
		vuart_flush(u);
}
