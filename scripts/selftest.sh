#!/bin/bash
# selftest.sh: the harness's own checks must be able to fail. Each case
# feeds a check a broken input (a canned log, a made-up CSV, a tiny tree
# with stand-ins for kbuild, sparse or QEMU) and expects it to fail, for
# its own reason where it says one; a good input must pass. No kernel is
# built or booted. Prints "harness-selftest: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
fx=$top/scripts/fixtures
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
expect() {	# expect fail|pass NAME CMD...: CMD must exit non-zero / zero
	local want=$1 name=$2 rc; shift 2
	"$@" >"$tmp/out" 2>&1; rc=$?
	if { [ "$want" = fail ] && [ $rc != 0 ]; } || { [ "$want" = pass ] && [ $rc = 0 ]; }; then
		pass=$((pass + 1)); echo "[selftest] ok: $name"
	else
		fail=$((fail + 1)); echo "[selftest] WRONG: $name (exit $rc, wanted $want)"; sed 's/^/    /' "$tmp/out"
	fi
}
# kunit.sh counts a crashed case as failed, and needs at least one pass.
expect fail "kunit summary with a crashed case" bash "$top/scripts/kunit.sh" summary "$fx/kunit-crash.log"
expect pass "kunit summary with every case passed" bash "$top/scripts/kunit.sh" summary "$fx/kunit-pass.log"
expect fail "kunit summary of a log with no summary" bash "$top/scripts/kunit.sh" summary /dev/null
# A skipped case fails nothing, but the closing line reports it.
skipped() { "$@" > "$tmp/kunit.out" 2>&1 && tail -n1 "$tmp/kunit.out" | grep -qx '.*: 2 passed, 0 failed, 1 skipped'; }
expect pass "kunit summary reports a skipped case" skipped bash "$top/scripts/kunit.sh" summary "$fx/kunit-skip.log"
# Without a kunitconfig in the tree, kunit.sh fails instead of "0 passed".
mkdir -p "$tmp/emptytree"
expect fail "kunit without a kunitconfig" env TREE="$tmp/emptytree" bash "$top/scripts/kunit.sh" uml
# failing MSG CMD...: CMD fails, and says MSG (not some other reason).
failing() { local m=$1; shift; "$@" > "$tmp/why.out" 2>&1 && return 1; grep -q -- "$m" "$tmp/why.out" || { cat "$tmp/why.out"; return 1; }; }
# sparse.sh: a tree tagged base, then a commit that writes TEXT to FILE
# (none if FILE is empty). Its Makefile stands in for kbuild (CHECK line,
# sparse, compile) and the sparse in $tmp/sbin warns on "sparse-warn".
series_tree() {	# series_tree DIR MAKEFILE FILE TEXT
	git -C "$tmp" init -q "$1" && printf 'int x;\n' > "$tmp/$1/a.c" && printf '%b' "$2" > "$tmp/$1/Makefile" &&
	git -C "$tmp/$1" add -A && git -C "$tmp/$1" -c user.name=t -c user.email=t@t commit -q -m base &&
	git -C "$tmp/$1" tag base || return
	[ -n "$3" ] || return 0
	printf '%b' "$4" > "$tmp/$1/$3" && git -C "$tmp/$1" add -A &&
		git -C "$tmp/$1" -c user.name=t -c user.email=t@t commit -q -m change
}
# shellcheck disable=SC2016 # make's $<, not the shell's
kbuild='%.o: %.c\n\t@echo "  CHECK   $<"\n\t@$(CHECK) $<\n\t@gcc -fsyntax-only $<\n'
mkdir -p "$tmp/sbin" "$tmp/build/kbuild/debug"
cat > "$tmp/sbin/sparse" <<'SPARSE'
#!/bin/bash
f=${!#}; grep -n sparse-warn "$f" | sed "s|^\([0-9]*\):.*|$f:\1:1: warning: stand-in warning|"
exit 0
SPARSE
chmod +x "$tmp/sbin/sparse"
sparse_on() { env PATH="$tmp/sbin:$PATH" TREE="$tmp/$1" BUILD="$tmp/build" bash "$top/scripts/sparse.sh" debug; }
series_tree tree 'all:\n\tfalse\n' a.c 'int x;\nint y;\n'
expect pass "sparse when the tree has no kbuild (nothing checked)" failing "checked 0 of 1 files" sparse_on tree
series_tree syntax "$kbuild" a.c 'int x;\nint y = ;\n'
expect pass "sparse when an object does not compile" failing "building the series' objects failed" sparse_on syntax
series_tree warn "$kbuild" a.c 'int x;\nint y; /* sparse-warn */\n'
expect pass "sparse with a warning in its log" failing "a.c:2:1: warning: stand-in warning" sparse_on warn
series_tree noc "$kbuild" README 'text\n'
expect pass "sparse on a series that touches no C file" failing "touch no kernel C file" sparse_on noc
series_tree clean "$kbuild" a.c 'int x;\nstatic int y;\n'
expect pass "sparse on a clean file" sparse_on clean
series_tree empty "$kbuild" ''
expect pass "sparse on an empty series" sparse_on empty
# Tests that a.c #includes, beside it and in a subdirectory, do not
# compile on their own: they are checked as part of a.c, not built as
# objects of their own.
series_tree incl "$kbuild" a.c 'static int in_a;\n#include "a_test.c"\n#include "tests/b_test.c"\n' &&
	mkdir -p "$tmp/incl/tests" && printf 'static int *t = &in_a;\n' > "$tmp/incl/a_test.c" &&
	printf 'static int *u = &in_a;\n' > "$tmp/incl/tests/b_test.c" && git -C "$tmp/incl" add -A &&
	git -C "$tmp/incl" -c user.name=t -c user.email=t@t commit -q -m test
expect pass "sparse on a series with a test its file #includes" sparse_on incl
# config-check.sh fails when a requested option, menuconfig ones included,
# is missing from the final config, and passes when all are there.
mkdir -p "$tmp/kc" && printf 'config FOO\n\tbool "foo"\nmenuconfig BAR\n\tbool "bar"\n' > "$tmp/kc/Kconfig"
printf 'CONFIG_FOO=y\nCONFIG_BAR=y\nCONFIG_NOT_IN_TREE=y\n' > "$tmp/kc/frag.config"
printf 'CONFIG_FOO=y\n# CONFIG_BAR is not set\n' > "$tmp/kc/.config"
expect fail "config check with a menuconfig option missing" bash "$top/scripts/config-check.sh" "$tmp/kc" "$tmp/kc/.config" "$tmp/kc/frag.config"
printf 'CONFIG_FOO=y\nCONFIG_BAR=y\n' > "$tmp/kc/.config"
expect pass "config check with every option present" bash "$top/scripts/config-check.sh" "$tmp/kc" "$tmp/kc/.config" "$tmp/kc/frag.config"
expect pass "config check -s with an option no Kconfig declares" failing "unknown to .*CONFIG_NOT_IN_TREE=y" \
	bash "$top/scripts/config-check.sh" -s "$tmp/kc" "$tmp/kc/.config" "$tmp/kc/frag.config"
# build-kernel.sh checks the config on every build, not only when the
# fragments change, and the debug kernel's fragments may name no option
# its tree lacks. The tree stands in for a kernel's: tinyconfig empties
# .config, merge_config.sh appends the fragments, nothing else is done.
mkdir -p "$tmp/ksrc/scripts/kconfig"
cp "$tmp/kc/Kconfig" "$tmp/ksrc/Kconfig"
cat > "$tmp/ksrc/Makefile" <<'MK'
tinyconfig:
	@: > $(O)/.config
olddefconfig bzImage:
	@:
MK
cat > "$tmp/ksrc/scripts/kconfig/merge_config.sh" <<'MERGE'
#!/bin/bash
b=$4; shift 4; cat "$@" >> "$b"
MERGE
chmod +x "$tmp/ksrc/scripts/kconfig/merge_config.sh"
printf 'CONFIG_FOO=y\nCONFIG_BAR=y\n' > "$tmp/ksrc/good.config"
printf 'CONFIG_FOO=y\nCONFIG_BRA=y\n' > "$tmp/ksrc/typo.config"
buildk() { local b=$1; shift; env BUILD="$tmp/$b" bash "$top/scripts/build-kernel.sh" "$1" "$tmp/ksrc" "${@:2}"; }
expect pass "a debug kernel whose fragments have a typo" failing "unknown to .*CONFIG_BRA=y" buildk kb1 debug "$tmp/ksrc/typo.config"
expect pass "a base kernel's fragments may name options its tree lacks" buildk kb2 base "$tmp/ksrc/typo.config"
expect pass "a debug kernel with every option" buildk kb3 debug "$tmp/ksrc/good.config"
sed -i '/BAR/d' "$tmp/kb3/kbuild/debug/.config"
expect pass "a rebuild whose config lost an option, same fragments" failing "missing from .*CONFIG_BAR=y" \
	buildk kb3 debug "$tmp/ksrc/good.config"
# summarize.py: in each table every line is as wide as its header and the
# labels' "MB P=" at one offset, with cells over 1000 ms at n=15 and modes
# such as zram+compact; no traceback. A header-only CSV (the first boot
# failed) gives an empty table that says so. (Copies: it writes its plot
# beside the CSV.)
cp "$fx"/summarize-*.csv "$tmp/"
aligned() {
	python3 "$top/scripts/summarize.py" "$1" > "$tmp/sum.out" 2>&1
	if grep -q Traceback "$tmp/sum.out" || ! awk '
		/median \[min-max\]/ { t++; w = -1; next }
		/^$/ { w = 0; next }
		w == -1 { w = length; o = 0; next }
		w > 0 { m = index($0, "MB P="); if (length != w || (o && m != o)) bad = 1; o = m }
		END { exit bad || !t }' "$tmp/sum.out"; then cat "$tmp/sum.out"; return 1; fi
}
expect pass "summarize.py aligns wide cells and long modes" aligned "$tmp/summarize-wide.csv"
empty_table() {
	python3 "$top/scripts/summarize.py" "$1" > "$tmp/sum.out" 2>&1 && ! grep -q Traceback "$tmp/sum.out" &&
		grep -q '^no rows in .*did the first boot fail' "$tmp/sum.out" && return
	cat "$tmp/sum.out"; return 1
}
expect pass "summarize.py on a header-only CSV" empty_table "$tmp/summarize-empty.csv"
# profsum.py: 8.192 ms per run over 64 MB of which half reached swap is
# 1000 instructions per slot (2000 would be the slots not swapped as well),
# and a function's share of it in ms.
per_slot() {
	python3 "$top/scripts/profsum.py" "$fx/profile" a=x > "$tmp/prof.out" 2>&1 &&
		grep -Eq '^  per slot, instructions +1000$' "$tmp/prof.out" &&
		grep -Eq '^  zram_slot_free_notify +5\.12 \(5\.12\)$' "$tmp/prof.out" && return
	cat "$tmp/prof.out"; return 1
}
expect pass "profsum.py prints instructions per swap slot" per_slot
# A label with a "-" in it (range-sync) and a drain: the drain's 4.096 ms
# per run is 500 instructions per slot, 1500 with munmap's counted whole.
per_slot_whole() {
	python3 "$top/scripts/profsum.py" "$fx/profile-drain" a-b=x > "$tmp/prof.out" 2>&1 &&
		grep -Eq '^  per slot, instructions +500$' "$tmp/prof.out" &&
		grep -Eq '^whole, per slot \(munmap \+ drain\) +1500$' "$tmp/prof.out" && return
	cat "$tmp/prof.out"; return 1
}
expect pass "profsum.py counts munmap and drain whole, for a label with a dash" per_slot_whole
# bench.sh and profile.sh, in a copy of the harness whose boots (vm.sh),
# initramfs and profile summary are stand-ins; the patched kernel's boot
# prints no swapbench line. bench.sh must fail, and still write
# results/latest, the table of what was measured and meta; profile.sh
# writes meta too.
mkdir -p "$tmp/h" && cp -r "$top/scripts" "$tmp/h/" && ln -s "$top/patches" "$tmp/h/patches"
cat > "$tmp/h/scripts/vm.sh" <<'VM'
#!/bin/bash
mkdir -p "$3"
case $1 in *patched*) ;; *) echo "swapbench,zram,256,1,41.6,41.6,41.7,100.0,2.78,42.0" ;; esac > "$3/result.log"
VM
printf '#!/bin/bash\n' > "$tmp/h/scripts/initramfs.sh"
echo 'print("stand-in profile summary")' > "$tmp/h/scripts/profsum.py"
bench_noline() {
	env BUILD="$tmp/hb" REPS=1 SPECS=zram:256:1 bash "$tmp/h/scripts/bench.sh" > "$tmp/bench.out" 2>&1 && return 1
	grep -q 'patched printed no swapbench line' "$tmp/bench.out" && grep -q '^zram .* n=1' "$tmp/h/results/latest/summary.txt" &&
		grep -qx 'specs zram:256:1' "$tmp/h/results/latest/meta" && return
	cat "$tmp/bench.out"; return 1
}
expect pass "bench.sh after a boot that printed no swapbench line" bench_noline
# A guest that dies before its init prints anything, or of the early-boot
# int3 before it measured anything, is booted once more and the run goes
# on, recorded in meta; one that dies otherwise after init started fails
# the run, booted once. (A second stand-in harness: its vm.sh counts its
# calls, and its first base boot dies before init, after, or of the int3.)
mkdir -p "$tmp/h2" && cp -r "$top/scripts" "$tmp/h2/" && ln -s "$top/patches" "$tmp/h2/patches"
cat > "$tmp/h2/scripts/vm.sh" <<'VM'
#!/bin/bash
mkdir -p "$3"; echo "$1" >> "$DIED.calls"; : > "$3/result.log"
case $1 in *base*) if [ ! -e "$DIED.done" ]; then touch "$DIED.done"
	[ "$DIED" = "${DIED%before}" ] && echo "== guest" > "$3/result.log"
	[ "$DIED" = "${DIED%int3}" ] || echo "Oops: int3: 0000 [#1] SMP" > "$3/console.log"
	exit 1; fi ;; esac
echo "swapbench,zram,256,1,41.6,41.6,41.7,100.0,2.78,42.0" > "$3/result.log"
VM
cp "$tmp/h/scripts/initramfs.sh" "$tmp/h2/scripts/"
died() {	# died before|after|int3
	env BUILD="$tmp/hb" REPS=1 SPECS=zram:256:1 DIED="$tmp/died-$1" RESULTS="$tmp/died-$1-res" \
		bash "$tmp/h2/scripts/bench.sh" > "$tmp/died.out" 2>&1; local rc=$? calls
	calls=$(wc -l < "$tmp/died-$1.calls")
	case $1 in
	before|int3) [ $rc = 0 ] && [ "$calls" = 3 ] && grep -q '^reboot base rep 1:' "$tmp/died-$1-res/meta" &&
		[ -d "$tmp/died-$1-res/vm-base-1.died" ] && return ;;
	after) [ $rc != 0 ] && [ "$calls" = 1 ] && ! grep -q '^reboot' "$tmp/died-$1-res/meta" && return ;;
	esac
	echo "exit $rc, $calls boots"; cat "$tmp/died.out"; return 1
}
expect pass "bench.sh boots again a guest that died before init" died before
expect pass "bench.sh fails on a guest that died after init started" died after
expect pass "bench.sh boots again a guest that died of the early-boot int3" died int3
prof_meta() {
	env BUILD="$tmp/hb" RESULTS="$tmp/prof" PROFILES=zram:256:1:1 bash "$tmp/h/scripts/profile.sh" &&
		grep -q '^variant off=patched+set:' "$tmp/prof/meta" && grep -qx 'profiles zram:256:1:1' "$tmp/prof/meta"
}
expect pass "profile.sh writes meta" prof_meta
# initramfs.sh recompiles a guest program only when a file it was built
# from changed: a second run compiles nothing, and a newer vm/guest.h
# recompiles the two programs that include it (in a copy of the harness
# with tiny stand-in sources).
mkdir -p "$tmp/i/scripts" "$tmp/i/vm" "$tmp/isrc/usr" "$tmp/itree/tools/testing/selftests/mm"
cp "$top/scripts/initramfs.sh" "$tmp/i/scripts/" && cp -r "$top/vm/jobs" "$top/vm/init.sh" "$tmp/i/vm/"
echo 'int main(void) { return 0; }' > "$tmp/isrc/usr/gen_init_cpio.c"
: > "$tmp/i/vm/guest.h"; : > "$tmp/itree/tools/testing/selftests/kselftest.h"
printf '#include "guest.h"\nint main(void) { return 0; }\n' | tee "$tmp/i/vm/swapbench.c" > "$tmp/i/vm/dfstress.c"
printf '#include "kselftest.h"\nint main(void) { return 0; }\n' > "$tmp/itree/tools/testing/selftests/mm/zram_swap_release.c"
initramfs() { env BUILD="$tmp/ib" SRC="$tmp/isrc" TREE="$tmp/itree" bash "$tmp/i/scripts/initramfs.sh"; }
rebuilt() {	# rebuilt "PROG...": an initramfs.sh run compiles PROG... (sorted), no other
	local got
	touch "$tmp/ib/mark" && sleep 0.01 && initramfs || return
	got=$(cd "$tmp/ib/initramfs" && find . -type f -newer "$tmp/ib/mark" -perm -u+x | sed 's|^\./||' | sort | xargs)
	[ "$got" = "$1" ] || { echo "compiled: ${got:-nothing}, wanted: ${1:-nothing}"; return 1; }
}
initramfs > "$tmp/initramfs.out" 2>&1 || cat "$tmp/initramfs.out"
expect pass "initramfs.sh again compiles nothing" rebuilt ""
touch "$tmp/i/vm/guest.h"
expect pass "initramfs.sh after guest.h changed compiles what includes it" rebuilt "dfstress swapbench"
# make -j runs one recipe at a time (.NOTPARALLEL): never two kernel builds.
# (grep -c reads it all: grep -q would stop make with SIGPIPE under pipefail)
serial() { [ "$(make -pn -f "$1" help 2>/dev/null | grep -c '^\.NOTPARALLEL:')" -gt 0 ]; }
sed '/^\.NOTPARALLEL:/d' "$top/Makefile" > "$tmp/Makefile.parallel"
expect fail "a Makefile that lets make -j run recipes side by side" serial "$tmp/Makefile.parallel"
expect pass "the Makefile runs one recipe at a time" serial "$top/Makefile"
# The guest's kmemleak check fails when the kernel has no kmemleak (fail()
# stubbed so that nothing is written to the host's /tmp; KMEMLEAK points
# away from the host's own).
expect pass "kmemleak_clean on a kernel without kmemleak" failing "no $tmp/nokmemleak" env KMEMLEAK="$tmp/nokmemleak" sh -c \
	'. "$1"; fail() { echo "FAIL: $*"; exit 1; }; kmemleak_clean' sh "$top/vm/jobs/lib.sh"
# The guest's waits (zram_drained here; settle() and gone() of the
# reliability suite share wait_progress) fail only after a spell in which
# nothing changed: 30 s in the guest, 0.3 s here (WAIT_TICKS=3). A zram
# device whose counters (a stand-in zram_left) fall for 1 s passes; one
# whose counters stay put fails.
drain() {	# drain STEP: zram_left counts 10 down by STEP, one step a call
	echo 10 > "$tmp/left"
	WAIT_TICKS=3 sh -c '. "$1"; fail() { echo "FAIL: $*"; exit 1; }; f=$2 step=$3
		zram_left() { n=$(cat "$f"); echo $((n - step)) > "$f"; echo "orig $n"; [ "$n" -le 0 ]; }
		zram_drained zram0' sh "$top/vm/jobs/lib.sh" "$tmp/left" "$1"
}
expect pass "zram_drained on a device that drains slowly" drain 1
expect pass "zram_drained on a device that does not drain" failing "zram0 not drained after swapoff, no progress" drain 0
# test.sh: whichever step fails, the checks after it still count, as
# failed (every step stubbed: no build). With every stub passing it runs
# $all checks; a failed debug build fails it and the four that need it,
# a series that does not apply fails everything after the self-checks.
mkdir -p "$tmp/stubs" "$tmp/stubtree/scripts"
for f in selftest tree kunit cross build-kernel sparse initramfs vm reliability; do
	printf '#!/bin/bash\necho "stub: 1 passed, 0 failed"\n' > "$tmp/stubs/$f.sh"
done
printf '#!/bin/bash\necho "kunit-uml: 1 passed, 0 failed, 2 skipped"\n' > "$tmp/stubs/kunit.sh"
echo 'exit 0;' > "$tmp/stubtree/scripts/checkpatch.pl"
mkdir -p "$tmp/stubvariants"; : > "$tmp/stubvariants/v.patch"
stubtest() { env TEST_SCRIPTS="$tmp/stubs" TREE="$tmp/stubtree" BUILD="$tmp/stubbuild" \
	TEST_VARIANTS="$tmp/stubvariants" TEST_BROKEN="$tmp/stubvariants" \
	bash "$top/scripts/test.sh" > "$tmp/test.out" 2>&1; }
stubtest; all=$(tail -n1 "$tmp/test.out" | sed -nE 's/^([0-9]+) passed, 0 failed$/\1/p')
tally() { stubtest; tail -n1 "$tmp/test.out" | grep -qx "$((${all:-0} - $1)) passed, $1 failed" || { tail -n1 "$tmp/test.out"; return 1; }; }
expect pass "test.sh with every step passing" tally 0
expect pass "test.sh counts and reports skipped KUnit cases" \
	grep -q '^\[test\] SKIP: KUnit on UML: 2 cases' "$tmp/test.out"
printf '#!/bin/bash\nexit 1\n' > "$tmp/stubs/build-kernel.sh"
expect pass "test.sh counts the checks a failed debug build skips as failed" tally 5
cp "$tmp/stubs/build-kernel.sh" "$tmp/stubs/tree.sh"
expect pass "test.sh counts the checks a failed tree skips as failed" \
	tally $((11 + $(grep -cvE '^(#|$)' "$top/patches/series")))
# vm.sh: a test boot runs with panic_on_warn=1, so a kernel that WARNs
# fails it and the trace is printed. The stand-in for QEMU writes the
# console of a kernel that WARNs and, unless panic_on_warn=1 stops it,
# finishes the job; with WARN=0 it does not warn.
mkdir -p "$tmp/bin"; : > "$tmp/bzImage"; : > "$tmp/initrd"
cat > "$tmp/bin/qemu-system-x86_64" <<'QEMU'
#!/bin/bash
con= res=
while [ $# -gt 0 ]; do
	case $1 in
	-append) app=$2; shift ;;
	-serial) if [ -z "$con" ]; then con=${2#file:}; else res=${2#file:}; fi; shift ;;
	esac
	shift
done
: > "$con"
if [ "${WARN:-1}" = 1 ]; then
	echo "[    1.000000] WARNING: CPU: 0 PID: 1 at lib/stub.c:1 stub+0x0/0x10" >> "$con"
	case " $app " in *" panic_on_warn=1 "*)
		echo "[    1.000001] Kernel panic - not syncing: kernel: panic_on_warn set ..." >> "$con"; exit 0 ;;
	esac
fi
echo "DF-RESULT rc=0" > "$res"
QEMU
chmod +x "$tmp/bin/qemu-system-x86_64"
warned() { "$@" > "$tmp/vm.out" 2>&1 && return 1; grep -q 'trace: .*WARNING:' "$tmp/vm.out"; }
expect pass "a test boot that WARNs fails, with the trace" warned env PATH="$tmp/bin:$PATH" \
	VM_INITRD="$tmp/initrd" bash "$top/scripts/vm.sh" "$tmp/bzImage" smoke "$tmp/vm"
expect pass "a test boot without a WARN passes" env WARN=0 PATH="$tmp/bin:$PATH" \
	VM_INITRD="$tmp/initrd" bash "$top/scripts/vm.sh" "$tmp/bzImage" smoke "$tmp/vm"
echo "harness-selftest: $pass passed, $fail failed"
[ $fail = 0 ]
