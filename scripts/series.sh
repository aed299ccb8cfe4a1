# Sourced by tree.sh and export.sh: the git format-patch options of the
# exported patches. tree.sh compares the tree's commits with patches/
# through them, so they must be the same in both.
PATCH_FORMAT="--zero-commit --no-signature --no-numbered"
# The kernel C files the series touches, one per line: neither user space
# (tools/) nor a file that another one #includes (a KUnit test built into
# the file it tests), which is built and checked as part of that file.
series_c_files() {
	local files f i inc=" "
	files=$(git -C "$TREE" diff --name-only base..HEAD -- '*.c' ':!tools/')
	# Every .c a touched file #includes, as a path from the tree's top
	for f in $files; do
		for i in $(sed -n 's/^#include "\(.*\.c\)".*/\1/p' "$TREE/$f" 2>/dev/null); do
			inc="$inc$(realpath -m "/$(dirname "$f")/$i") "
		done
	done
	for f in $files; do
		case $inc in *" /$f "*) ;; *) echo "$f" ;; esac
	done
}
