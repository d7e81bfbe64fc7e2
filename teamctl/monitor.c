// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl monitor: one line per event (text, or JSON with -j) until
 * SIGINT, SIGTERM or SIGHUP. Those signals are blocked except while
 * waiting for the kernel (see kernel_event_next()), so a signal ends the
 * loop cleanly after the event being printed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>

#include "print.h"
#include "teamctl.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int cmd_monitor(int argc, char **argv, const struct opts *o)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct lbfo_event ev;
	struct kernel_err err;
	struct kernel *k;
	sigset_t block;
	json_t *doc;
	int ret;

	if (argc > 0)
		return usage_error("unexpected word '%s'", argv[0]);
	ret = open_kernel(&k);
	if (ret)
		return ret;
	if (kernel_events_subscribe(k, &err)) {
		pr_err("%s", err.msg);
		kernel_close(k);
		return EXIT_FAIL;
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Subscribed: from here on no event is missed. Said on stderr. */
	fprintf(stderr, "teamctl: monitoring lbfo events (Ctrl-C ends)\n");
	while (!stop) {
		ret = kernel_event_next(k, &ev, &err);
		if (ret == -EINTR)
			break;
		if (ret == -ENOBUFS) {
			pr_err("%s", err.msg);
			continue;
		}
		if (ret) {
			pr_err("%s", err.msg);
			kernel_close(k);
			return EXIT_FAIL;
		}
		doc = json_event(&ev);
		ret = !doc || print_doc(stdout, doc, o->json);
		json_decref(doc);
		if (ret) {
			pr_err("cannot print events");
			kernel_close(k);
			return EXIT_FAIL;
		}
	}
	kernel_close(k);
	return EXIT_OK;
}
