# Sourced. variant SPEC: split "label=kbuild[+set:PATH=V...]" into $v_label,
# $v_kernel (the bzImage of build/kbuild/<kbuild>) and $v_sets (job args).
variant() {
	local rest=${1#*=}
	v_label=${1%%=*}
	v_kernel=$BUILD/kbuild/${rest%%+*}/arch/x86/boot/bzImage
	v_sets=
	[ "${rest%%+*}" != "$rest" ] && v_sets=$(echo "${rest#*+}" | tr + ' ')
	return 0
}
