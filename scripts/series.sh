# Sourced by tree.sh and export.sh: the git format-patch options of the
# exported patches. tree.sh compares the tree's commits with patches/
# through them, so they must be the same in both.
PATCH_FORMAT="--zero-commit --no-signature --no-numbered"
# The kernel C files the series touches, one per line: neither user space
# (tools/) nor a file that another one #includes (a KUnit test built into
# the file it tests), which is built and checked as part of that file.
series_c_files() {
	local f
	git -C "$TREE" diff --name-only base..HEAD -- '*.c' ':!tools/' | while read -r f; do
		git -C "$TREE" grep -q "^#include \"${f##*/}\"" -- "${f%"${f##*/}"}*.c" || echo "$f"
	done
}
