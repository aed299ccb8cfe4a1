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
# KCONFIG_EXTRA: more fragments for both benchmark kernels
FRAG := vm/kernel.config vm/bench.config $(KCONFIG_EXTRA)
BZ = $(BUILD)/kbuild/$(1)/arch/x86/boot/bzImage

.PHONY: help run test deps base tree export kernels debug-kernel initramfs \
	bench bench-smp profile kunit kunit-vm reliability limits broken clean
# One recipe at a time, whatever -j says: the kernel builds use both cores
# themselves and must never run side by side, and every step shares
# build/. The kernel builds get their own -j.
.NOTPARALLEL:

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
	$(S)/kernels.sh $(FRAG)
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
limits: kernels initramfs
	$(S)/limits.sh $(LIMITS_RUNS)
reliability: debug-kernel initramfs
	$(S)/reliability.sh $(REL_SECONDS)
broken: tree
	$(S)/broken.sh
help:
	@echo 'make run           build base and patched kernels, benchmark them, compare'
	@echo 'make test          every check; ends with "N passed, N failed"'
	@echo 'make tree          build/tree: the base commit plus one commit per patch'
	@echo 'make export        write build/tree'"'"'s commits back to patches/'
	@echo 'make base          fetch and unpack the pinned base kernel'
	@echo 'make deps          install the Debian packages the harness needs'
	@echo 'make kernels       build the benchmark kernels VARIANTS names (base, patched)'
	@echo 'make debug-kernel  build the patched kernel with KASAN, lockdep, KUnit'
	@echo 'make initramfs     build the guest initramfs'
	@echo 'make bench         benchmark the kernels built (VARIANTS, SPECS, REPS)'
	@echo 'make bench-smp     the same on 2 vCPUs, wall clock'
	@echo 'make profile       where the swap-release time goes, per kernel'
	@echo 'make kunit         KUnit on UML'
	@echo 'make kunit-vm      KUnit in a 2-vCPU guest of the debug kernel'
	@echo 'make reliability   the reliability scenarios on the debug kernel'
	@echo 'make limits        zram and zswap limits after an exit, base and patched'
	@echo 'make broken        the KUnit cases fail against broken/ (not in make test)'
	@echo 'make clean         remove kernel builds and initramfs images'
	@echo 'Details and environment variables: README.md'
clean:
	rm -rf $(BUILD)/kbuild $(BUILD)/kunit-uml $(BUILD)/initramfs*
