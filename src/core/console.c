/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The console multiplexer. VM output is collected per VM and written a whole
 * line at a time behind a "[name] " prefix, so two VMs never interleave
 * characters; the VM with the focus writes through at once, so its shell
 * prompt shows without a newline. Input goes to the VM with
 * the focus; Ctrl-T moves the focus to the next VM with a console.
 */
#include <stdarg.h>

#include "../lib/format.h"
#include "../lib/spinlock.h"
#include "../lib/string.h"
#include "arch.h"
#include "platform.h"
#include "vm.h"
#include "vuart.h"

#define FOCUS_SWITCH_KEY 0x14 /* Ctrl-T */

static spinlock_t console_lock = SPINLOCK_INIT;
static struct vm *focus;

static void put_string(const char *s, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		if (s[i] == '\n')
			platform_console_putc('\r');
		platform_console_putc(s[i]);
	}
}

void console_init(void)
{
	platform_console_init();
}

/* Whose unfinished line is on the screen, if anyone's. */
static const char *open_line;

void console_write(const char *who, const char *text, unsigned len)
{
	if (!len)
		return;
	spin_lock(&console_lock);
	if (open_line && open_line != who) {
		put_string("\n", 1);
		open_line = NULL;
	}
	if (!open_line) {
		put_string("[", 1);
		put_string(who, (unsigned)strlen(who));
		put_string("] ", 2);
	}
	put_string(text, len);
	open_line = text[len - 1] == '\n' ? NULL : who;
	spin_unlock(&console_lock);
}

void console_set_focus(struct vm *vm)
{
	focus = vm;
}

struct vm *console_focus(void)
{
	return focus;
}

static void focus_next(void)
{
	unsigned start = focus ? focus->id : 0;

	for (unsigned i = 1; i <= vm_count; i++) {
		struct vm *vm = &vms[(start + i) % vm_count];

		if (vm->state == VM_RUNNING && vm->desc->console) {
			focus = vm;
			log_info("console input goes to %s (Ctrl-T switches)",
				 vm->name);
			return;
		}
	}
}

void console_vm_stopped(const struct vm *vm)
{
	if (focus == vm)
		focus_next();
}

void console_input(uint8_t c)
{
	if (c == FOCUS_SWITCH_KEY) {
		focus_next();
		return;
	}
	if (focus && focus->state == VM_RUNNING)
		vuart_receive(&focus->uart, c);
}

static void log_vprint(const char *fmt, va_list ap)
{
	char buf[192];
	int n = vformat(buf, sizeof(buf) - 1, fmt, ap);

	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	console_write("tessera", buf, (unsigned)n);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprint(fmt, ap);
	va_end(ap);
}

noreturn void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprint(fmt, ap);
	va_end(ap);
	log_info("PANIC: hypervisor halted");
	arch_system_off();
}
