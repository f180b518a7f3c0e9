/* SPDX-License-Identifier: Apache-2.0 */
/* What every emulated UART model shares: the VM's output, a line at a time. */
#include "vm.h"
#include "vuart.h"

void vuart_flush(struct vuart *u)
{
	console_write(u->vm->name, u->line, u->line_len);
	u->line_len = 0;
}

/*
 * Control characters could rewrite what is already on the screen (a name
 * prefix, another VM's line, a hypervisor message): only newline, tab and a
 * backspace over the VM's own text on the line pass.
 */
static bool harmless(struct vuart *u, char c)
{
	unsigned char b = (unsigned char)c;

	if (c == '\n')
		u->column = 0;
	else if (c == '\b' && u->column)
		u->column--;
	else if ((b < 0x20 && c != '\t') || b == 0x7f)
		return false;
	else
		u->column++;
	return true;
}

void vuart_put(struct vuart *u, char c)
{
	if (!harmless(u, c))
		return;
	u->line[u->line_len++] = c;
	if (c == '\n' || u->line_len == VUART_LINE_MAX)
		vuart_flush(u);
}
