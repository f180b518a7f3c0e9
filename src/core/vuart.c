/* SPDX-License-Identifier: Apache-2.0 */
/* What every emulated UART model shares: the VM's output, a line at a time. */
#include "arch.h"
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

/*
 * The virtual interrupt controller keeps the level itself: it hears only
 * changes, so polled output does not take its lock once per character.
 */
void vuart_set_line(struct vuart *u, bool level)
{
	if (level == u->line_high)
		return;
	u->line_high = level;
	arch_virq_set_level(u->vm, u->irq, level);
}
