#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# /init of Tessera's test initramfs, run by Debian's busybox sh.
#
# 1. mounts proc, sysfs, devtmpfs (and devpts, tmpfs on /tmp and /run);
# 2. prints  TESSERA-LINUX-INIT-OK cpus=<online cpus> kernel=<uname -r>;
# 3. loads the modules listed in /etc/tessera/modules (tessera-fetch
#    initramfs --modules), in that order;
# 4. if the kernel command line has tessera.run=NAME, runs /tessera/NAME,
#    prints TESSERA-RUN-DONE name=NAME status=<exit code>, then does what
#    tessera.after= says: poweroff (default), halt, or shell;
#    otherwise starts an interactive shell on the console (with job control),
#    again whenever it exits.
# Markers start at the beginning of a line so tests can match them.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run

# Count the CPUs in /sys/devices/system/cpu/online ("0-1,3" -> 3).
online_cpus() {
	list=$(cat /sys/devices/system/cpu/online 2>/dev/null)
	n=0
	old_ifs=$IFS
	IFS=,
	for range in $list; do
		case $range in
		*-*) n=$((n + ${range#*-} - ${range%-*} + 1)) ;;
		?*) n=$((n + 1)) ;;
		esac
	done
	IFS=$old_ifs
	echo "$n"
}

TESSERA_CPUS=$(online_cpus)
TESSERA_KERNEL=$(uname -r)
export TESSERA_CPUS TESSERA_KERNEL
echo "TESSERA-LINUX-INIT-OK cpus=$TESSERA_CPUS kernel=$TESSERA_KERNEL"

if [ -f /etc/tessera/modules ]; then
	while read -r mod; do
		[ -n "$mod" ] || continue
		insmod "/lib/modules/$TESSERA_KERNEL/$mod" ||
			echo "TESSERA-MODULE-FAILED $mod"
	done </etc/tessera/modules
fi

run=
after=poweroff
# shellcheck disable=SC2013 # the command line is words, not lines
for arg in $(cat /proc/cmdline); do
	case $arg in
	tessera.run=*) run=${arg#tessera.run=} ;;
	tessera.after=*) after=${arg#tessera.after=} ;;
	esac
done

shell() {
	while :; do
		# A session of its own with the console as controlling tty:
		# job control and ^C work.
		setsid cttyhack sh -l
		sleep 1
	done
}

if [ -n "$run" ]; then
	case $run in
	*/* | .*) echo "TESSERA-RUN-MISSING name=$run"; status=127 ;;
	*)
		if [ -x "/tessera/$run" ]; then
			"/tessera/$run"
			status=$?
		else
			echo "TESSERA-RUN-MISSING name=$run"
			status=127
		fi
		;;
	esac
	echo "TESSERA-RUN-DONE name=$run status=$status"
	case $after in
	shell) shell ;;
	halt) halt -f ;;
	*) poweroff -f ;;
	esac
	# If power-off returns, stay alive: init must not exit.
	while :; do sleep 3600; done
fi

shell
