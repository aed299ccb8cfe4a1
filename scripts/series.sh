# Sourced by tree.sh and export.sh: the git format-patch options of the
# exported patches. tree.sh compares the tree's commits with patches/
# through them, so they must be the same in both.
PATCH_FORMAT="--zero-commit --no-signature --no-numbered"
