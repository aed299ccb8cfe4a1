# Sourced (needs $top and $BUILD). variant SPEC: split
# "label=kbuild[+set:PATH=V...]" into $v_label, $v_kernel (the bzImage of
# build/kbuild/<kbuild>) and $v_sets (job args).
variant() {
	local rest=${1#*=}
	v_label=${1%%=*}
	v_kernel=$BUILD/kbuild/${rest%%+*}/arch/x86/boot/bzImage
	# An ablation variant's kernel (scripts/kernels.sh)
	[ -f "$top/variants/${rest%%+*}.patch" ] &&
		v_kernel=$BUILD/variants/${rest%%+*}/kbuild/${rest%%+*}/arch/x86/boot/bzImage
	v_sets=
	[ "${rest%%+*}" != "$rest" ] && v_sets=$(echo "${rest#*+}" | tr + ' ')
	return 0
}

# meta "VARIANT..." [LINE...]: what a reader needs to trust the figures, and
# to run them again, for a results directory's meta file: the harness
# commit, a hash of the series, each variant's kernel version, the LINEs
# (the run's parameters), the QEMU and gcc versions.
# shellcheck disable=SC2154 # $top: the sourcing script's
meta() {
	local v
	echo "harness $(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)"
	echo "series $(cd "$top/patches" && grep -v '^#' series | xargs cat series | sha256sum | cut -c1-16)"
	for v in $1; do
		variant "$v"
		echo "variant $v: $(file -b "$v_kernel" 2>/dev/null | grep -o 'version [^,]*' || echo "$v_kernel")"
	done
	shift
	printf '%s\n' "$@"
	echo "qemu $(qemu-system-x86_64 --version | head -1)"
	echo "gcc $(gcc --version | head -1)"
}
