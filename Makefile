# deferred_free: patch series against Linux 7.3 and the harness around it.
#   make run    build base and patched kernels, benchmark them in QEMU, compare
#   make test   every check; ends with "N passed, N failed"
# See README.md for the other targets.
S := scripts
BUILD ?= $(CURDIR)/build
export BUILD
TREE ?= $(BUILD)/tree
export TREE
# Paths relative to the repo, so that a clone elsewhere hits the same cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
FRAG := vm/kernel.config
BZ = $(BUILD)/kbuild/$(1)/arch/x86/boot/bzImage

.PHONY: run test deps base tree export kernels debug-kernel initramfs bench \
	bench-smp profile kunit kunit-vm reliability clean
run: deps tree kernels initramfs
	$(S)/bench.sh
test: deps
	$(S)/test.sh
deps:
	$(S)/deps.sh
base:
	$(S)/fetch-base.sh
tree:
	$(S)/tree.sh
export:
	$(S)/export.sh
kernels: tree
	$(S)/build-kernel.sh base $(BUILD)/base/linux $(FRAG)
	$(S)/build-kernel.sh patched $(TREE) $(FRAG)
debug-kernel:
	$(S)/build-kernel.sh debug $(TREE) vm/kernel.config vm/debug.config vm/kunit.config
initramfs:
	$(S)/initramfs.sh
bench: initramfs
	$(S)/bench.sh
bench-smp: initramfs
	VM_MODE=smp REPS=$${REPS:-15} $(S)/bench.sh
profile: deps kernels
	$(S)/profile.sh
kunit: tree
	$(S)/kunit.sh uml
kunit-vm: debug-kernel initramfs
	$(S)/kunit.sh vm
reliability: debug-kernel initramfs
	$(S)/reliability.sh $(REL_SECONDS)
clean:
	rm -rf $(BUILD)/kbuild $(BUILD)/kunit-uml $(BUILD)/initramfs*
