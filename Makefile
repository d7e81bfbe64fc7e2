# lbfo: build, test, check and demo.
#
#   make            build lbfo.ko against the guest kernel's headers, teamctl
#                   and teamctld
#   make test       install what is missing, build, run every suite (KUnit on
#                   UML, userspace unit tests, guest integration tests)
#   make demo       boot the guest and show a mixed-vendor team failing over
#   make check      checkpatch (--no-tree --strict) and sparse over kernel code
#   make bench      the benchmarks against bonding and team in the guest; the
#                   report goes to bench/results/ (BENCH=REGEX: only those;
#                   SMOKE=1: the short version CI runs)
#   make vm-run SCRIPT=path/to/script.sh
#                   boot the test guest with the fresh build and run SCRIPT
#   make kunit      only the KUnit suites
#   make guest-test only the guest integration tests
#   make fuzz       the libFuzzer harnesses of teamctld's request parser,
#                   FUZZ_SECONDS each (default 60)
#   make install    install lbfo.ko, teamctl, teamctld, teamctl-pki, their
#                   man pages, completion and systemd unit (on a real host;
#                   see README.md)
#
# KVER is the kernel the guest boots (from the linux-image-amd64 package, not
# `uname -r`); set KVER=$(uname -r) to build for the machine you are on.

KVER = $(shell tests/kver.sh)
KDIR = /lib/modules/$(KVER)/build
LBFO_CACHE ?= $(HOME)/.cache/lbfo
export LBFO_CACHE

PREFIX ?= /usr/local

.PHONY: all modules teamctl teamctld clean deps test kunit unit guest-test \
	check vm-run demo install bench fuzz

all: modules teamctl teamctld

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

teamctl:
	$(MAKE) -C teamctl

teamctld:
	$(MAKE) -C remote

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C teamctl clean
	$(MAKE) -C remote clean
	rm -rf out

deps:
	tests/deps.sh

test: deps
	tests/run-all.sh

kunit: deps
	tests/kunit/run.sh

unit: deps
	$(MAKE) -C teamctl test
	$(MAKE) -C remote test

fuzz: deps
	$(MAKE) -C remote fuzz-run FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60)

guest-test: deps modules teamctl teamctld
	tests/vm/run.sh tests/guest/run-all.sh

check: deps
	tests/check.sh

vm-run: deps modules teamctl
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=path/to/script.sh" >&2; exit 2; }
	tests/vm/run.sh $(SCRIPT)

# The report is written even when a benchmark failed; the exit status says.
bench: deps modules teamctl
	rc=0; VM_OUT=$(CURDIR)/out/bench LBFO_BENCH_SMOKE=$(or $(SMOKE),0) \
		tests/vm/run.sh bench/run.sh '$(or $(BENCH),.)' || rc=$$?; \
	bench/report.py out/bench/bench $(if $(filter 1,$(SMOKE)),--out out/bench-smoke) || rc=$$?; \
	exit $$rc

demo: deps modules teamctl
	tests/vm/run.sh tests/demo.sh

install: modules teamctl teamctld
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)
	install -D -m 0755 teamctl/teamctl $(DESTDIR)$(PREFIX)/sbin/teamctl
	install -D -m 0755 remote/teamctld $(DESTDIR)$(PREFIX)/sbin/teamctld
	install -D -m 0755 remote/teamctl-pki $(DESTDIR)$(PREFIX)/sbin/teamctl-pki
	install -D -m 0644 teamctl/teamctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/teamctl.8
	install -D -m 0644 remote/teamctld.8 $(DESTDIR)$(PREFIX)/share/man/man8/teamctld.8
	install -D -m 0644 remote/teamctl-pki.8 \
		$(DESTDIR)$(PREFIX)/share/man/man8/teamctl-pki.8
	install -D -m 0644 teamctl/teamctl.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/teamctl
	sed 's|/usr/sbin/teamctld|$(PREFIX)/sbin/teamctld|' remote/teamctld.service | \
		install -D -m 0644 /dev/stdin \
		$(DESTDIR)/etc/systemd/system/teamctld.service
