# lbfo: build, test, check and demo.
#
#   make            build lbfo.ko against the guest kernel's headers
#   make test       install what is missing, build, run every suite (KUnit on
#                   UML, userspace unit tests, guest integration tests)
#   make demo       boot the guest and show a mixed-vendor team failing over
#   make check      checkpatch (--no-tree --strict) and sparse over kernel code
#   make vm-run SCRIPT=path/to/script.sh
#                   boot the test guest with the fresh build and run SCRIPT
#   make kunit      only the KUnit suites
#   make guest-test only the guest integration tests
#   make install    install lbfo.ko for the running kernel (on a real host)
#
# KVER is the kernel the guest boots (from the linux-image-amd64 package, not
# `uname -r`); set KVER=$(uname -r) to build for the machine you are on.

KVER = $(shell tests/kver.sh)
KDIR = /lib/modules/$(KVER)/build
LBFO_CACHE ?= $(HOME)/.cache/lbfo
export LBFO_CACHE

.PHONY: all modules clean deps test kunit guest-test check vm-run demo install

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	rm -rf out

deps:
	tests/deps.sh

test: deps
	tests/run-all.sh

kunit: deps
	tests/kunit/run.sh

guest-test: deps modules
	tests/vm/run.sh tests/guest/run-all.sh

check: deps
	tests/check.sh

vm-run: deps modules
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=path/to/script.sh" >&2; exit 2; }
	tests/vm/run.sh $(SCRIPT)

demo: deps modules
	tests/vm/run.sh tests/demo.sh

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)
