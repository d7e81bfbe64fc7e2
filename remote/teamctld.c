// SPDX-License-Identifier: GPL-2.0
/*
 * teamctld: teamctl's operations served over a unix socket and mutual-TLS
 * TCP, with roles, an audit log and a persisted desired state. This file
 * is main: options, the configuration, signals, readiness; server.c does
 * the rest. See teamctld(8) and remote/PROTOCOL.md.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "audit.h"
#include "conf.h"
#include "server.h"
#include "tls.h"

#define TEAMCTLD_VERSION "0.1"

static void usage(FILE *f)
{
	fprintf(f, "Usage: teamctld [-c|--config FILE] [-t|--check]\n"
		   "       teamctld -h|--help | -V|--version\n\n"
		   "Serve teamctl's operations on a unix socket and, when the configuration\n"
		   "says so, over TLS 1.3 with client certificates (teamctl --remote).\n\n"
		   "  -c, --config FILE  the configuration (default %s;\n"
		   "                     a missing default file means the defaults)\n"
		   "  -t, --check        check the configuration and the TLS files, then exit\n"
		   "  -h, --help         this help\n"
		   "  -V, --version      the version\n\n"
		   "See teamctld(8).\n", CONF_FILE);
}

/* Make the directory of path (one level), if it is not there. */
static void make_parent(const char *path, mode_t mode)
{
	char dir[PATH_MAX];

	if (!path[0])
		return;
	snprintf(dir, sizeof(dir), "%s", path);
	if (mkdir(dirname(dir), mode) && errno != EEXIST)
		fprintf(stderr, "teamctld: %s: %s\n", dir, strerror(errno));
}

/* Tell systemd (Type=notify) that the sockets are bound. */
static void notify_ready(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char *path = getenv("NOTIFY_SOCKET");
	socklen_t len;
	int fd;

	if (!path || (path[0] != '/' && path[0] != '@') ||
	    strlen(path) >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, path, strlen(path));
	if (path[0] == '@')
		sa.sun_path[0] = '\0';	/* abstract namespace */
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	sendto(fd, "READY=1", 7, MSG_NOSIGNAL, (struct sockaddr *)&sa, len);
	close(fd);
}

/* --check: read the TLS files as the server would. 0 or 1 (msg). */
static int check_tls(const struct conf *c, char *msg, size_t size)
{
	struct tls_server *t;

	if (!c->n_listen)
		return 0;
	if (tls_server_new(c->cert, c->key, c->ca, c->crl, &t, msg, size))
		return 1;
	tls_server_free(t);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = CONF_FILE;
	bool check = false, given = false;
	struct server *s = NULL;
	struct audit *a = NULL;
	char msg[512] = "";
	struct conf *c;
	sigset_t block;
	int opt, ret = 1;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:thV", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			file = optarg;
			given = true;
			break;
		case 't':
			check = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("teamctld %s\n", TEAMCTLD_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "teamctld: option '%s' needs a value (see teamctld --help)\n",
				argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "teamctld: unknown option '%s' (see teamctld --help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "teamctld: unexpected word '%s' (see teamctld --help)\n",
			argv[optind]);
		return 2;
	}
	c = calloc(1, sizeof(*c));
	if (!c || !conf_init(c)) {
		fprintf(stderr, "teamctld: out of memory\n");
		return 1;
	}
	if (!conf_load(c, file, !given, msg, sizeof(msg))) {
		fprintf(stderr, "teamctld: %s\n", msg);
		conf_free(c);
		free(c);
		return 2;
	}
	/* Files say their own modes; group access where they give it. */
	umask(027);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, NULL);
	if (check) {
		ret = check_tls(c, msg, sizeof(msg));
		if (ret)
			fprintf(stderr, "teamctld: %s\n", msg);
		else
			printf("teamctld: %s: ok\n",
			       given || !access(file, F_OK) ? file :
			       "no configuration file, the defaults");
		conf_free(c);
		free(c);
		return ret;
	}
	make_parent(c->state, 0700);
	make_parent(c->audit, 0750);
	if (audit_open(c->audit, &a, msg, sizeof(msg))) {
		fprintf(stderr, "teamctld: %s\n", msg);
		conf_free(c);
		free(c);
		return 1;
	}
	fprintf(stderr, "teamctld: starting%s%s%s%s (state %s, audit %s)\n",
		c->socket[0] ? " on " : "", c->socket,
		c->n_listen ? ", TLS on " : "", c->n_listen ? c->listen[0] : "",
		c->state, c->audit[0] ? c->audit : "stderr");
	/* From here the server owns c. Teams first, then the listeners. */
	if (server_new(c, given ? file : NULL, a, &s, msg, sizeof(msg)))
		goto out;
	server_restore(s);
	if (server_listen(s, msg, sizeof(msg)))
		goto out;
	notify_ready();
	ret = server_run(s) ? 1 : 0;
out:
	if (ret && msg[0])
		fprintf(stderr, "teamctld: %s\n", msg);
	server_free(s);
	audit_close(a);
	return ret;
}
