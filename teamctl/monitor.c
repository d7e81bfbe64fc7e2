// SPDX-License-Identifier: GPL-2.0
/*
 * teamctl monitor: one line per event (text, or JSON with -j) until
 * SIGINT, SIGTERM or SIGHUP. Those signals are blocked except while
 * waiting for the kernel (see kernel_event_next()) or for the daemon
 * (--remote, rclient_recv()), so a signal ends the loop cleanly after the
 * event being printed.
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

/* Block the signals that end monitor, and catch them; *old: the mask before. */
static void catch_signals(sigset_t *old)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, old);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* One event as a line of text or JSON. EXIT_OK or EXIT_FAIL. */
static int print_event(const json_t *doc, const struct opts *o)
{
	if (!doc || print_doc(stdout, doc, o->json)) {
		pr_err("cannot print events");
		return EXIT_FAIL;
	}
	fflush(stdout);
	return EXIT_OK;
}

/* monitor through teamctld: its events until a signal or it goes away. */
static int monitor_remote(const struct opts *o)
{
	struct rclient *c;
	struct reply rep;
	sigset_t old;
	char msg[512];
	int ret;

	ret = remote_open(o, &c);
	if (ret)
		return ret;
	ret = remote_request(c, o, op_info[OP_MONITOR].name, NULL, &rep);
	if (rep.root)
		reply_free(&rep);
	if (ret) {
		rclient_close(c);
		return ret;
	}
	catch_signals(&old);
	rclient_set_sigmask(c, &old);
	fprintf(stderr, "teamctl: monitoring lbfo events on %s (Ctrl-C ends)\n",
		o->remote);
	while (!stop && !ret) {
		ret = rclient_recv(c, &rep, -1, msg, sizeof(msg));
		if (ret == -EINTR) {
			ret = EXIT_OK;
			break;
		}
		if (ret) {
			pr_err("%s: %s", o->remote, ret == -EPIPE ?
			       "the daemon closed the connection" : msg);
			ret = EXIT_FAIL;
			break;
		}
		if (rep.kind == REPLY_EVENT)
			ret = print_event(rep.event, o);
		else if (rep.kind == REPLY_NOTICE)
			pr_err("%s: %s", o->remote, rep.notice);
		reply_free(&rep);
	}
	rclient_close(c);
	return ret;
}

int cmd_monitor(int argc, char **argv, const struct opts *o)
{
	struct lbfo_event ev;
	struct kernel_err err;
	struct kernel *k;
	json_t *doc;
	int ret;

	if (argc > 0)
		return usage_error("unexpected word '%s'", argv[0]);
	if (o->remote)
		return monitor_remote(o);
	if (kernel_open(&k, &err)) {
		pr_err("%s", err.msg);
		return EXIT_FAIL;
	}
	if (kernel_events_subscribe(k, &err)) {
		pr_err("%s", err.msg);
		kernel_close(k);
		return EXIT_FAIL;
	}
	catch_signals(NULL);
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
		ret = print_event(doc, o);
		json_decref(doc);
		if (ret) {
			kernel_close(k);
			return ret;
		}
	}
	kernel_close(k);
	return EXIT_OK;
}
