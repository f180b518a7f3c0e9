#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Native baseline: boot Debian's kernel and Tessera's initramfs in plain QEMU
# (no hypervisor) and time QEMU start -> TESSERA-LINUX-INIT-OK.
#
# usage: tests/linux/native-boot.sh ARCH [options]
#   ARCH            arm64 | riscv64
#   --runs N        boot N times (default 1), one QEMU at a time
#   --dtb FILE      pass a device tree to QEMU (-dtb); a .dts is compiled with dtc first
#   --append ARGS   extra kernel command line arguments
#   --timeout S     seconds allowed per boot (default 120)
#   --log DIR       keep each boot's console log in DIR (default: a temporary dir)
# Environment: BUILD (default build) holds linux/ARCH/{Image,initramfs.cpio.gz};
# missing files are made with tools/fetch/tessera-fetch.
# Prints one line per boot and a summary; exits non-zero if a boot fails or
# the marker reports a CPU count other than QEMU's -smp.

set -u

die() { echo "native-boot: $*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 arm64|riscv64 [--runs N] [--dtb FILE] [--append ARGS] [--timeout S] [--log DIR]"
arch=$1
shift
runs=1
dtb=
extra=
limit=120
logdir=
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--dtb) dtb=$2; shift 2 ;;
	--append) extra=$2; shift 2 ;;
	--timeout) limit=$2; shift 2 ;;
	--log) logdir=$2; shift 2 ;;
	*) die "unknown option $1" ;;
	esac
done

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
dir=$build/linux/$arch
fetch=$top/tools/fetch/tessera-fetch
smp=2

case $arch in
arm64)
	qemu="qemu-system-aarch64"
	set -- -machine virt,gic-version=3 -cpu cortex-a53 -smp $smp -m 512M \
		-nographic -no-reboot
	console="console=ttyAMA0 earlycon"
	;;
riscv64)
	qemu="qemu-system-riscv64"
	set -- -machine virt -cpu rv64 -smp $smp -m 512M -nographic -no-reboot \
		-bios default
	console="console=ttyS0 earlycon"
	;;
*) die "unknown arch $arch (arm64 or riscv64)" ;;
esac
command -v $qemu >/dev/null || die "$qemu not found (Debian package qemu-system-arm / qemu-system-misc)"

if [ ! -f "$dir/Image" ]; then
	"$fetch" linux --arch "$arch" --out "$dir" || die "cannot fetch the kernel"
fi
if [ ! -f "$dir/initramfs.cpio.gz" ]; then
	"$fetch" initramfs --arch "$arch" --out "$dir/initramfs.cpio.gz" ||
		die "cannot build the initramfs"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
[ -n "$logdir" ] || logdir=$tmp
mkdir -p "$logdir"

if [ -n "$dtb" ]; then
	case $dtb in
	*.dts)
		command -v dtc >/dev/null || die "dtc not found (Debian package device-tree-compiler)"
		dtc -q -I dts -O dtb -o "$tmp/guest.dtb" "$dtb" || die "dtc failed on $dtb"
		dtb=$tmp/guest.dtb
		;;
	esac
	set -- "$@" -dtb "$dtb"
fi

now_ns() { date +%s%N; }

failed=0
times=
i=1
while [ "$i" -le "$runs" ]; do
	log=$logdir/native-$arch-$i.log
	fifo=$tmp/console
	rm -f "$fifo"
	mkfifo "$fifo"
	start=$(now_ns)
	timeout "$limit" $qemu "$@" -kernel "$dir/Image" -initrd "$dir/initramfs.cpio.gz" \
		-append "$console $extra" </dev/null >"$fifo" 2>&1 &
	qpid=$!
	result=
	: >"$log"
	while IFS= read -r line; do
		printf '%s\n' "$line" >>"$log"
		case $line in
		*TESSERA-LINUX-INIT-OK*)
			end=$(now_ns)
			result=${line#*TESSERA-LINUX-INIT-OK}
			break
			;;
		esac
	done <"$fifo"
	kill "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	if [ -z "$result" ]; then
		echo "native-boot $arch run $i: FAIL, no marker within ${limit}s (log: $log)"
		tail -n 5 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	else
		ms=$(((end - start) / 1000000))
		secs=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
		cpus=$(echo "$result" | sed -n 's/.*cpus=\([0-9]*\).*/\1/p' | tr -d '\r')
		if [ "$cpus" != "$smp" ]; then
			echo "native-boot $arch run $i: FAIL, marker after ${secs}s but cpus=$cpus (want $smp)"
			failed=$((failed + 1))
		else
			echo "native-boot $arch run $i: marker after ${secs}s:$(echo "$result" | tr -d '\r')"
			times="$times $secs"
		fi
	fi
	i=$((i + 1))
done

if [ -n "$times" ]; then
	echo "native-boot $arch: seconds to marker:$times" \
		"(mean $(echo "$times" | awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.3f", s / NF }'))"
fi
[ "$failed" -eq 0 ]
