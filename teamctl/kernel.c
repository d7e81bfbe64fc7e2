// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel interface (kernel.h) over the "lbfo" generic netlink family.
 *
 * Every request is sent with nl_send_auto() and answered through
 * nl_recvmsgs() callbacks collected in struct req: NL_CB_VALID parses each
 * reply message, NL_CB_ACK and NL_CB_FINISH end a request, the error
 * callback keeps the errno and the extended ack message (NETLINK_EXT_ACK is
 * on, NETLINK_CAP_ACK keeps errors short). Dump errors arrive in
 * NLMSG_DONE's payload and are read there. Events come on a second socket
 * (sequence checks off) subscribed to the "events" group.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/lbfo.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include "kernel.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct kernel {
	struct nl_sock *sk;
	int family;
	struct nl_sock *ev_sk;		/* events, once subscribed */
	struct nl_cb *ev_cb;
	struct lbfo_event *queue;	/* decoded, not yet returned */
	size_t q_head, q_len, q_cap;
};

/* The attribute of each number of struct team_params, and its size. */
static const struct {
	int attr;
	int bytes;		/* 4: u32, 2: u16 */
} num_attr[N_NUMS] = {
	[NUM_FLOWLET_GAP] = { LBFO_A_FLOWLET_GAP, 4 },
	[NUM_BALANCE_INTERVAL] = { LBFO_A_BALANCE_INTERVAL, 4 },
	[NUM_BALANCE_THRESHOLD] = { LBFO_A_BALANCE_THRESHOLD, 4 },
	[NUM_PROBE_INTERVAL] = { LBFO_A_PROBE_INTERVAL, 4 },
	[NUM_PROBE_MISSED] = { LBFO_A_PROBE_MISSED, 4 },
	[NUM_UPDELAY] = { LBFO_A_UPDELAY, 4 },
	[NUM_DOWNDELAY] = { LBFO_A_DOWNDELAY, 4 },
	[NUM_MIN_LINKS] = { LBFO_A_MIN_LINKS, 4 },
	[NUM_LACP_SYS_PRIO] = { LBFO_A_LACP_SYS_PRIO, 2 },
};

/* The attribute (u8) of each setting of struct team_params. */
static const int opt_attr[N_OPTS] = {
	[OPT_LACP_RATE] = LBFO_A_LACP_RATE,
	[OPT_LACP_ACTIVE] = LBFO_A_LACP_ACTIVE,
	[OPT_LACP_INDEPENDENT] = LBFO_A_LACP_INDEPENDENT,
	[OPT_LACP_MIXED_SPEED] = LBFO_A_LACP_MIXED_SPEED,
	[OPT_LACP_FALLBACK] = LBFO_A_LACP_FALLBACK,
};

/* A MAC address as in LBFO_A_LACP_SYSTEM. */
#define MAC_LEN	6

/* One request in flight. */
struct req {
	int (*parse)(struct nl_msg *msg, void *arg);	/* each reply */
	void *arg;
	bool done;
	int error;		/* negative errno from the kernel, or 0 */
	int parse_error;	/* first error of parse() */
	char extack[256];
};

static int fail(struct kernel_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct kernel_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

/* The extack message among the TLVs at [p, end), into out. */
static void read_extack(const char *p, const char *end, char *out,
			size_t size)
{
	struct nlattr *a;
	int rem;

	if (p >= end)
		return;
	nla_for_each_attr(a, (struct nlattr *)p, (int)(end - p), rem) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			snprintf(out, size, "%.*s", nla_len(a),
				 (const char *)nla_data(a));
			/* The kernel's messages have no final newline. */
			out[strcspn(out, "\n")] = '\0';
			return;
		}
	}
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct req *r = arg;
	size_t payload;

	(void)nla;
	r->error = e->error;
	r->done = true;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		payload = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
		read_extack((char *)nlh + NLMSG_ALIGN(NLMSG_HDRLEN + payload),
			    (char *)nlh + nlh->nlmsg_len, r->extack,
			    sizeof(r->extack));
	}
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; an error of the dump is its payload. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct req *r = arg;
	int code;

	r->done = true;
	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		memcpy(&code, nlmsg_data(nlh), sizeof(code));
		if (code < 0) {
			r->error = code;
			if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
				read_extack((char *)nlh + NLMSG_HDRLEN +
					    NLMSG_ALIGN(sizeof(int)),
					    (char *)nlh + nlh->nlmsg_len,
					    r->extack, sizeof(r->extack));
		}
	}
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;
	int ret;

	if (!r->parse || r->parse_error)
		return NL_SKIP;
	ret = r->parse(msg, r->arg);
	if (ret < 0)
		r->parse_error = ret;
	return NL_SKIP;	/* keep reading to the end of the answer */
}

/* The message of a refused request: extack, or errno with context. */
static int refused(struct kernel_err *err, const struct req *r,
		   const char *context)
{
	if (r->extack[0])
		return fail(err, r->error, "%s: %s", context, r->extack);
	if (r->error == -EPERM)
		return fail(err, r->error,
			    "%s: %s (changing teams needs CAP_NET_ADMIN: run as root)",
			    context, strerror(EPERM));
	return fail(err, r->error, "%s: %s", context, strerror(-r->error));
}

/* Send msg (consumed), read the whole answer. */
static int transact(struct kernel *k, struct nl_msg *msg,
		    int (*parse)(struct nl_msg *, void *), void *arg,
		    const char *context, struct kernel_err *err)
{
	struct req r = { .parse = parse, .arg = arg };
	struct nl_cb *cb;
	int ret;

	if (!msg)
		return fail(err, -ENOMEM, "%s: out of memory", context);
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return fail(err, -ENOMEM, "%s: out of memory", context);
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &r);

	ret = nl_send_auto(k->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		return fail(err, -EIO, "%s: sending to the kernel: %s",
			    context, nl_geterror(ret));
	}
	while (!r.done) {
		ret = nl_recvmsgs(k->sk, cb);
		if (r.done)
			break;
		if (ret < 0) {
			nl_cb_put(cb);
			return fail(err, -EIO, "%s: reading the kernel's answer: %s",
				    context, nl_geterror(ret));
		}
	}
	nl_cb_put(cb);
	if (r.error)
		return refused(err, &r, context);
	if (r.parse_error)
		return fail(err, r.parse_error, "%s: %s", context,
			    strerror(-r.parse_error));
	return 0;
}

static struct nl_msg *request(struct kernel *k, int cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, k->family, 0, flags,
			 cmd, LBFO_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A request naming a team (and a member): NULL on failure. */
static struct nl_msg *team_request(struct kernel *k, int cmd, int flags,
				   const char *team)
{
	struct nl_msg *msg = request(k, cmd, flags);

	if (msg && team && nla_put_string(msg, LBFO_A_TEAM_NAME, team) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static struct nl_msg *member_request(struct kernel *k, int cmd,
				     const char *team, const char *dev,
				     const struct lbfo_member_change *c)
{
	struct nl_msg *msg = team_request(k, cmd, NLM_F_ACK, team);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	nest = nla_nest_start(msg, LBFO_A_MEMBER | NLA_F_NESTED);
	if (!nest || nla_put_string(msg, LBFO_MEMBER_A_NAME, dev) < 0 ||
	    (c && c->role >= 0 &&
	     nla_put_u8(msg, LBFO_MEMBER_A_ROLE, (uint8_t)c->role) < 0) ||
	    (c && c->admin_up >= 0 &&
	     nla_put_u8(msg, LBFO_MEMBER_A_ADMIN, (uint8_t)c->admin_up) < 0) ||
	    (c && c->weight >= 0 &&
	     nla_put_u32(msg, LBFO_MEMBER_A_WEIGHT, (uint32_t)c->weight) < 0) ||
	    (c && c->lacp_prio >= 0 &&
	     nla_put_u16(msg, LBFO_MEMBER_A_LACP_PRIO,
			 (uint16_t)c->lacp_prio) < 0) ||
	    (c && c->lacp_key >= 0 &&
	     nla_put_u16(msg, LBFO_MEMBER_A_LACP_KEY,
			 (uint16_t)c->lacp_key) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	nla_nest_end(msg, nest);
	return msg;
}

/* The probe targets of p as LBFO_A_PROBE_TARGETS (replaces the list). */
static int put_targets(struct nl_msg *msg, const struct team_params *p)
{
	struct nlattr *nest;
	int i;

	/*
	 * No targets: an empty nest, which says "none". nla_nest_end() would
	 * drop an empty nest (libnl's "kernel can't handle" trim), leaving the
	 * list as it was.
	 */
	if (!p->n_targets)
		return nla_put(msg, LBFO_A_PROBE_TARGETS | NLA_F_NESTED, 0,
			       NULL) < 0 ? -1 : 0;
	nest = nla_nest_start(msg, LBFO_A_PROBE_TARGETS | NLA_F_NESTED);
	if (!nest)
		return -1;
	for (i = 0; i < p->n_targets; i++)
		if (nla_put(msg, LBFO_A_PROBE_TARGET,
			    p->targets[i].family == AF_INET ? 4 : 16,
			    p->targets[i].addr) < 0)
			return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* A MAC address (48-bit number) into out, network order. */
static void mac_bytes(long long mac, unsigned char out[MAC_LEN])
{
	int i;

	for (i = MAC_LEN - 1; i >= 0; i--, mac >>= 8)
		out[i] = (unsigned char)(mac & 0xff);
}

/* A number of struct team_params (i) as its attribute. */
static int put_num(struct nl_msg *msg, int i, long long v)
{
	if (num_attr[i].bytes == 2)
		return nla_put_u16(msg, num_attr[i].attr, (uint16_t)v);
	return nla_put_u32(msg, num_attr[i].attr, (uint32_t)v);
}

/* The fields of p that are set (not -1). */
static int put_params(struct nl_msg *msg, const struct team_params *p)
{
	unsigned char mac[MAC_LEN];
	int i;

	mac_bytes(p->lacp_system, mac);
	if ((p->mode >= 0 &&
	     nla_put_u8(msg, LBFO_A_TEAM_MODE, (uint8_t)p->mode) < 0) ||
	    (p->lb >= 0 && nla_put_u8(msg, LBFO_A_TEAM_LB, (uint8_t)p->lb) < 0) ||
	    (p->hash >= 0 &&
	     nla_put_u32(msg, LBFO_A_HASH_FIELDS, (uint32_t)p->hash) < 0) ||
	    (p->n_targets >= 0 && put_targets(msg, p)) ||
	    (p->lacp_system >= 0 &&
	     nla_put(msg, LBFO_A_LACP_SYSTEM, MAC_LEN, mac) < 0))
		return -1;
	for (i = 0; i < N_NUMS; i++)
		if (p->num[i] >= 0 && put_num(msg, i, p->num[i]) < 0)
			return -1;
	for (i = 0; i < N_OPTS; i++)
		if (p->opt[i] >= 0 &&
		    nla_put_u8(msg, opt_attr[i], (uint8_t)p->opt[i]) < 0)
			return -1;
	return 0;
}

/* ---- attribute readers: tolerant of missing or short attributes ---- */

static int get_u8(const struct nlattr *a, int def)
{
	return a && nla_len(a) >= 1 ? nla_get_u8((struct nlattr *)a) : def;
}

static unsigned int get_u32(const struct nlattr *a, unsigned int def)
{
	return a && nla_len(a) >= 4 ? nla_get_u32((struct nlattr *)a) : def;
}

/* A u32 that may be absent: -1 then. */
static long long get_u32_or(const struct nlattr *a)
{
	return a && nla_len(a) >= 4 ? (long long)nla_get_u32((struct nlattr *)a) :
	       -1;
}

/* A u16 that may be absent: -1 then. */
static int get_u16_or(const struct nlattr *a)
{
	return a && nla_len(a) >= 2 ? nla_get_u16((struct nlattr *)a) : -1;
}

static uint64_t get_u64(const struct nlattr *a)
{
	return a && nla_len(a) >= 8 ? nla_get_u64((struct nlattr *)a) : 0;
}

/* A u64 counter that may be absent: -1 then. */
static long long get_u64_or(const struct nlattr *a)
{
	uint64_t v;

	if (!a || nla_len(a) < 8)
		return -1;
	v = nla_get_u64((struct nlattr *)a);
	return v > INT64_MAX ? INT64_MAX : (long long)v;
}

/* A 6-byte MAC address as a 48-bit number, or -1. */
static long long get_mac(const struct nlattr *a)
{
	const unsigned char *b;
	long long mac = 0;
	int i;

	if (!a || nla_len(a) != MAC_LEN)
		return -1;
	b = nla_data(a);
	for (i = 0; i < MAC_LEN; i++)
		mac = mac << 8 | b[i];
	return mac;
}

static void get_str(const struct nlattr *a, char *out, size_t size)
{
	if (a && nla_len(a) > 0)
		snprintf(out, size, "%.*s", nla_len(a),
			 (const char *)nla_data(a));
}

static void parse_stats(struct nlattr *a, struct lbfo_counters *c)
{
	struct nlattr *tb[LBFO_STATS_A_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (!a || nla_parse_nested(tb, LBFO_STATS_A_MAX, a, NULL) < 0)
		return;
	c->tx_packets = get_u64(tb[LBFO_STATS_A_TX_PACKETS]);
	c->tx_bytes = get_u64(tb[LBFO_STATS_A_TX_BYTES]);
	c->rx_packets = get_u64(tb[LBFO_STATS_A_RX_PACKETS]);
	c->rx_bytes = get_u64(tb[LBFO_STATS_A_RX_BYTES]);
	c->tx_dropped = get_u64(tb[LBFO_STATS_A_TX_DROPPED]);
	c->rx_dropped = get_u64(tb[LBFO_STATS_A_RX_DROPPED]);
}

/* One end of a LACP link (LBFO_LACP_A_ACTOR, _PARTNER). */
static void parse_lacp_end(struct nlattr *a, struct lbfo_lacp_end *e)
{
	struct nlattr *tb[LBFO_LACP_INFO_A_MAX + 1] = { NULL };

	e->present = a && nla_parse_nested(tb, LBFO_LACP_INFO_A_MAX, a,
					   NULL) >= 0;
	e->sys_prio = get_u16_or(tb[LBFO_LACP_INFO_A_SYS_PRIO]);
	e->system = get_mac(tb[LBFO_LACP_INFO_A_SYSTEM]);
	e->key = get_u16_or(tb[LBFO_LACP_INFO_A_KEY]);
	e->port_prio = get_u16_or(tb[LBFO_LACP_INFO_A_PORT_PRIO]);
	e->port = get_u16_or(tb[LBFO_LACP_INFO_A_PORT]);
	e->state = get_u8(tb[LBFO_LACP_INFO_A_STATE], -1);
}

/* A member's LBFO_MEMBER_A_LACP nest; l->present tells if there was one. */
static void parse_lacp(struct nlattr *a, struct lbfo_lacp_port *l)
{
	struct nlattr *tb[LBFO_LACP_A_MAX + 1] = { NULL };

	l->present = a && nla_parse_nested(tb, LBFO_LACP_A_MAX, a, NULL) >= 0;
	parse_lacp_end(tb[LBFO_LACP_A_ACTOR], &l->actor);
	parse_lacp_end(tb[LBFO_LACP_A_PARTNER], &l->partner);
	l->rx = get_u8(tb[LBFO_LACP_A_RX], -1);
	l->mux = get_u8(tb[LBFO_LACP_A_MUX], -1);
	l->selected = get_u8(tb[LBFO_LACP_A_SELECTED], -1);
	l->aggregator = get_u16_or(tb[LBFO_LACP_A_AGGREGATOR]);
	l->why = get_u8(tb[LBFO_LACP_A_WHY], -1);
	l->actor_churn = get_u8(tb[LBFO_LACP_A_ACTOR_CHURN], -1);
	l->partner_churn = get_u8(tb[LBFO_LACP_A_PARTNER_CHURN], -1);
	l->rx_pdus = get_u64_or(tb[LBFO_LACP_A_RX_PDUS]);
	l->tx_pdus = get_u64_or(tb[LBFO_LACP_A_TX_PDUS]);
	l->rx_errors = get_u64_or(tb[LBFO_LACP_A_RX_ERRORS]);
}

/* A LBFO_A_MEMBER nest; *old_state gets OLD_STATE if asked. */
static int parse_member(struct nlattr *a, struct lbfo_member_info *m,
			int *old_state)
{
	struct nlattr *tb[LBFO_MEMBER_A_MAX + 1];

	memset(m, 0, sizeof(*m));
	m->role = -1;
	m->state = -1;
	m->admin_up = true;
	m->weight = -1;
	m->lacp_prio = -1;
	m->lacp_key = -1;
	m->buckets = -1;
	if (!a || nla_parse_nested(tb, LBFO_MEMBER_A_MAX, a, NULL) < 0)
		return -EPROTO;
	m->ifindex = (int)get_u32(tb[LBFO_MEMBER_A_IFINDEX], 0);
	get_str(tb[LBFO_MEMBER_A_NAME], m->name, sizeof(m->name));
	m->role = get_u8(tb[LBFO_MEMBER_A_ROLE], -1);
	m->admin_up = get_u8(tb[LBFO_MEMBER_A_ADMIN], 1) != 0;
	m->weight = get_u32_or(tb[LBFO_MEMBER_A_WEIGHT]);
	m->lacp_prio = get_u16_or(tb[LBFO_MEMBER_A_LACP_PRIO]);
	m->lacp_key = get_u16_or(tb[LBFO_MEMBER_A_LACP_KEY]);
	parse_lacp(tb[LBFO_MEMBER_A_LACP], &m->lacp);
	m->state = get_u8(tb[LBFO_MEMBER_A_STATE], -1);
	m->buckets = get_u32_or(tb[LBFO_MEMBER_A_BUCKETS]);
	get_str(tb[LBFO_MEMBER_A_DRIVER], m->driver, sizeof(m->driver));
	m->speed_mbps = get_u32(tb[LBFO_MEMBER_A_SPEED], 0);
	parse_stats(tb[LBFO_MEMBER_A_STATS], &m->counters);
	if (old_state)
		*old_state = get_u8(tb[LBFO_MEMBER_A_OLD_STATE], -1);
	return 0;
}

static int parse_top(struct nl_msg *msg, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, LBFO_A_MAX, NULL) < 0 ?
		-EPROTO : 0;
}

/* LBFO_A_PROBE_TARGETS into p; n_targets stays -1 without it. */
static void parse_targets(struct nlattr *nest, struct team_params *p)
{
	struct nlattr *a;
	int rem, n = 0;

	if (!nest)
		return;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) != LBFO_A_PROBE_TARGET ||
		    n == LBFO_PROBE_TARGETS_MAX ||
		    (nla_len(a) != 4 && nla_len(a) != 16))
			continue;
		p->targets[n].family = nla_len(a) == 4 ? AF_INET : AF_INET6;
		memcpy(p->targets[n].addr, nla_data(a), (size_t)nla_len(a));
		n++;
	}
	p->n_targets = n;
}

static void parse_params(struct nlattr **tb, struct team_params *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->mode = get_u8(tb[LBFO_A_TEAM_MODE], -1);
	p->lb = get_u8(tb[LBFO_A_TEAM_LB], -1);
	p->hash = get_u32_or(tb[LBFO_A_HASH_FIELDS]);
	for (i = 0; i < N_NUMS; i++)
		p->num[i] = num_attr[i].bytes == 2 ?
			    get_u16_or(tb[num_attr[i].attr]) :
			    get_u32_or(tb[num_attr[i].attr]);
	p->n_targets = -1;
	parse_targets(tb[LBFO_A_PROBE_TARGETS], p);
	p->lacp_system = get_mac(tb[LBFO_A_LACP_SYSTEM]);
	for (i = 0; i < N_OPTS; i++)
		p->opt[i] = get_u8(tb[opt_attr[i]], -1);
}

static void parse_team(struct nlattr **tb, struct lbfo_team_info *t)
{
	struct lbfo_member_info primary;

	memset(t, 0, sizeof(*t));
	t->ifindex = (int)get_u32(tb[LBFO_A_TEAM_IFINDEX], 0);
	get_str(tb[LBFO_A_TEAM_NAME], t->name, sizeof(t->name));
	parse_params(tb, &t->p);
	if (tb[LBFO_A_PRIMARY] &&
	    !parse_member(tb[LBFO_A_PRIMARY], &primary, NULL))
		snprintf(t->primary, sizeof(t->primary), "%s", primary.name);
	t->lacp_state = get_u8(tb[LBFO_A_LACP_STATE], -1);
	t->carrier = get_u8(tb[LBFO_A_TEAM_CARRIER], 0) != 0;
	t->carriers = get_u32(tb[LBFO_A_TEAM_CARRIERS], 0);
	parse_stats(tb[LBFO_A_TEAM_STATS], &t->counters);
}

/* ---- reads ---- */

static int grow(void **arr, size_t n, size_t size)
{
	void *p = realloc(*arr, (n + 1) * size);

	if (!p)
		return -ENOMEM;
	*arr = p;
	return 0;
}

static int parse_team_msg(struct nl_msg *msg, void *arg)
{
	struct lbfo_team_list *l = arg;
	struct nlattr *tb[LBFO_A_MAX + 1];

	if (parse_top(msg, tb))
		return -EPROTO;
	if (grow((void **)&l->teams, l->n_teams, sizeof(*l->teams)))
		return -ENOMEM;
	parse_team(tb, &l->teams[l->n_teams++]);
	return 0;
}

/* Member messages go to their team in the list, found by ifindex or name. */
static int parse_member_msg(struct nl_msg *msg, void *arg)
{
	struct lbfo_team_list *l = arg;
	struct nlattr *tb[LBFO_A_MAX + 1];
	struct lbfo_team_info *t = NULL;
	char name[IF_NAMESIZE] = "";
	int ifindex;
	size_t i;

	if (parse_top(msg, tb))
		return -EPROTO;
	ifindex = (int)get_u32(tb[LBFO_A_TEAM_IFINDEX], 0);
	get_str(tb[LBFO_A_TEAM_NAME], name, sizeof(name));
	for (i = 0; i < l->n_teams && !t; i++)
		if ((ifindex && l->teams[i].ifindex == ifindex) ||
		    (!ifindex && !strcmp(l->teams[i].name, name)))
			t = &l->teams[i];
	if (!t)
		return 0;	/* a team made after the team dump */
	if (grow((void **)&t->members, t->n_members, sizeof(*t->members)))
		return -ENOMEM;
	if (parse_member(tb[LBFO_A_MEMBER], &t->members[t->n_members], NULL))
		return -EPROTO;
	t->n_members++;
	return 0;
}

void lbfo_team_info_free(struct lbfo_team_info *t)
{
	free(t->members);
	t->members = NULL;
	t->n_members = 0;
}

void lbfo_team_list_free(struct lbfo_team_list *l)
{
	size_t i;

	for (i = 0; i < l->n_teams; i++)
		lbfo_team_info_free(&l->teams[i]);
	free(l->teams);
	l->teams = NULL;
	l->n_teams = 0;
}

int kernel_team_get(struct kernel *k, const char *team,
		    struct lbfo_team_list *out, struct kernel_err *err)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = transact(k, team_request(k, LBFO_CMD_TEAM_GET, NLM_F_ACK, team),
		       parse_team_msg, out, team, err);
	if (!ret && out->n_teams != 1)
		ret = fail(err, -EPROTO, "%s: the kernel sent %zu teams for one",
			   team, out->n_teams);
	if (!ret)
		ret = transact(k, team_request(k, LBFO_CMD_MEMBER_GET,
					       NLM_F_DUMP, team),
			       parse_member_msg, out, team, err);
	if (ret)
		lbfo_team_list_free(out);
	return ret;
}

int kernel_team_list(struct kernel *k, struct lbfo_team_list *out,
		     struct kernel_err *err)
{
	int ret;

	memset(out, 0, sizeof(*out));
	ret = transact(k, request(k, LBFO_CMD_TEAM_GET, NLM_F_DUMP),
		       parse_team_msg, out, "listing teams", err);
	if (!ret && out->n_teams)
		ret = transact(k, request(k, LBFO_CMD_MEMBER_GET, NLM_F_DUMP),
			       parse_member_msg, out, "listing members", err);
	if (ret)
		lbfo_team_list_free(out);
	return ret;
}

/* ---- writes ---- */

/*
 * "creating team0", "adding eth0 to team0": what a refused request was
 * doing, in front of the kernel's message. One buffer: used at once.
 */
static const char *context_of(const char *verb, const char *team,
			      const char *dev)
{
	static char buf[64];
	const char *prep = !strcmp(verb, "adding") ? "to" :
			   !strcmp(verb, "removing") ? "from" : "of";

	if (dev)
		snprintf(buf, sizeof(buf), "%s %s %s %s", verb, dev, prep, team);
	else
		snprintf(buf, sizeof(buf), "%s %s", verb, team);
	return buf;
}

int kernel_team_add(struct kernel *k, const char *team,
		    const struct team_params *p, struct kernel_err *err)
{
	struct nl_msg *msg = team_request(k, LBFO_CMD_TEAM_NEW, NLM_F_ACK, team);

	if (msg && put_params(msg, p)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return transact(k, msg, NULL, NULL, context_of("creating", team, NULL),
			err);
}

int kernel_team_del(struct kernel *k, const char *team,
		    struct kernel_err *err)
{
	return transact(k, team_request(k, LBFO_CMD_TEAM_DEL, NLM_F_ACK, team),
			NULL, NULL, context_of("deleting", team, NULL), err);
}

int kernel_team_set(struct kernel *k, const char *team,
		    const struct team_params *p, struct kernel_err *err)
{
	struct nl_msg *msg = team_request(k, LBFO_CMD_TEAM_SET, NLM_F_ACK, team);

	if (msg && put_params(msg, p)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return transact(k, msg, NULL, NULL, context_of("changing", team, NULL),
			err);
}

int kernel_member_add(struct kernel *k, const char *team, const char *dev,
		      const struct lbfo_member_change *c,
		      struct kernel_err *err)
{
	return transact(k, member_request(k, LBFO_CMD_MEMBER_ADD, team, dev, c),
			NULL, NULL, context_of("adding", team, dev), err);
}

int kernel_member_del(struct kernel *k, const char *team, const char *dev,
		      struct kernel_err *err)
{
	return transact(k, member_request(k, LBFO_CMD_MEMBER_DEL, team, dev,
					  NULL),
			NULL, NULL, context_of("removing", team, dev), err);
}

int kernel_member_set(struct kernel *k, const char *team, const char *dev,
		      const struct lbfo_member_change *c,
		      struct kernel_err *err)
{
	return transact(k, member_request(k, LBFO_CMD_MEMBER_SET, team, dev, c),
			NULL, NULL, context_of("changing", team, dev), err);
}

/* ---- events ---- */

/* Events are not answers: they carry sequence number 0. */
static int any_seq(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int parse_event(struct nl_msg *msg, void *arg)
{
	struct kernel *k = arg;
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[LBFO_A_MAX + 1];
	struct lbfo_event *ev;

	if (parse_top(msg, tb))
		return NL_SKIP;
	if (k->q_head + k->q_len == k->q_cap) {
		struct lbfo_event *q;

		if (k->q_head) {
			memmove(k->queue, k->queue + k->q_head,
				k->q_len * sizeof(*q));
			k->q_head = 0;
		} else {
			q = realloc(k->queue, (k->q_cap + 16) * sizeof(*q));
			if (!q)
				return NL_SKIP;
			k->queue = q;
			k->q_cap += 16;
		}
	}
	ev = &k->queue[k->q_head + k->q_len];
	memset(ev, 0, sizeof(*ev));
	ev->cmd = g->cmd;
	ev->old_state = -1;
	ev->reason = get_u8(tb[LBFO_A_REASON], -1);
	ev->carriers = tb[LBFO_A_TEAM_CARRIERS] ?
		(int)get_u32(tb[LBFO_A_TEAM_CARRIERS], 0) : -1;
	parse_team(tb, &ev->team_info);
	snprintf(ev->team, sizeof(ev->team), "%s", ev->team_info.name);
	ev->team_ifindex = ev->team_info.ifindex;
	ev->has_member = tb[LBFO_A_MEMBER] != NULL;
	ev->member_admin = -1;
	if (ev->has_member) {
		struct nlattr *mtb[LBFO_MEMBER_A_MAX + 1];

		parse_member(tb[LBFO_A_MEMBER], &ev->member, &ev->old_state);
		if (!nla_parse_nested(mtb, LBFO_MEMBER_A_MAX, tb[LBFO_A_MEMBER],
				      NULL) && mtb[LBFO_MEMBER_A_ADMIN])
			ev->member_admin = ev->member.admin_up;
	} else {
		parse_member(NULL, &ev->member, NULL);
	}
	if (tb[LBFO_A_TRIGGER]) {
		struct lbfo_member_info trig;

		parse_member(tb[LBFO_A_TRIGGER], &trig, NULL);
		snprintf(ev->trigger, sizeof(ev->trigger), "%s", trig.name);
	}
	k->q_len++;
	return NL_OK;
}

int kernel_events_subscribe(struct kernel *k, struct kernel_err *err)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(k->sk, LBFO_GENL_NAME, LBFO_MCGRP_EVENTS);
	if (grp < 0)
		return fail(err, -ENOENT,
			    "the lbfo family has no \"%s\" group: %s",
			    LBFO_MCGRP_EVENTS, nl_geterror(grp));
	k->ev_sk = nl_socket_alloc();
	k->ev_cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!k->ev_sk || !k->ev_cb)
		return fail(err, -ENOMEM, "out of memory");
	ret = genl_connect(k->ev_sk);
	if (!ret)
		ret = nl_socket_add_membership(k->ev_sk, grp);
	if (ret < 0)
		return fail(err, -EIO, "subscribing to lbfo events: %s",
			    nl_geterror(ret));
	/* Bursts (a team of 64 losing its links) must not overflow it. */
	nl_socket_set_buffer_size(k->ev_sk, 4 << 20, 0);
	nl_cb_set(k->ev_cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(k->ev_cb, NL_CB_VALID, NL_CB_CUSTOM, parse_event, k);
	return 0;
}

int kernel_event_next(struct kernel *k, struct lbfo_event *ev,
		      struct kernel_err *err)
{
	struct pollfd pfd;
	sigset_t wait_mask;
	int ret;

	/*
	 * libnl retries recvmsg() on EINTR: wait in ppoll() first so that
	 * signals get through, with SIGINT, SIGTERM and SIGHUP unblocked only
	 * there (a caller that blocks them elsewhere has no race).
	 */
	sigprocmask(SIG_SETMASK, NULL, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
	while (!k->q_len) {
		pfd.fd = nl_socket_get_fd(k->ev_sk);
		pfd.events = POLLIN;
		if (ppoll(&pfd, 1, NULL, &wait_mask) < 0) {
			if (errno == EINTR)
				return fail(err, -EINTR, "interrupted");
			return fail(err, -errno, "waiting for events: %s",
				    strerror(errno));
		}
		ret = nl_recvmsgs(k->ev_sk, k->ev_cb);
		if (ret == -NLE_NOMEM || ret == -NLE_BUSY)
			return fail(err, -ENOBUFS,
				    "events were lost (receive buffer overflow)");
		if (ret < 0)
			return fail(err, -EIO, "reading events: %s",
				    nl_geterror(ret));
	}
	*ev = k->queue[k->q_head];
	k->q_head++;
	k->q_len--;
	if (!k->q_len)
		k->q_head = 0;
	return 0;
}

int kernel_events_fd(struct kernel *k)
{
	return k->ev_sk ? nl_socket_get_fd(k->ev_sk) : -1;
}

int kernel_event_try(struct kernel *k, struct lbfo_event *ev,
		     struct kernel_err *err)
{
	int ret;

	if (!k->q_len) {
		nl_socket_set_nonblocking(k->ev_sk);
		ret = nl_recvmsgs(k->ev_sk, k->ev_cb);
		if (ret == -NLE_AGAIN)
			return -EAGAIN;
		if (ret == -NLE_NOMEM || ret == -NLE_BUSY)
			return fail(err, -ENOBUFS,
				    "events were lost (receive buffer overflow)");
		if (ret < 0)
			return fail(err, -EIO, "reading events: %s",
				    nl_geterror(ret));
		if (!k->q_len)
			return -EAGAIN;
	}
	*ev = k->queue[k->q_head];
	k->q_head++;
	k->q_len--;
	if (!k->q_len)
		k->q_head = 0;
	return 0;
}

/* ---- the family coming and going ---- */

struct kernel_watch {
	struct nl_sock *sk;
	struct nl_cb *cb;
	int seen;		/* KERNEL_FAMILY_* since the last read */
};

static int on_ctrl(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *g = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct kernel_watch *w = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), LBFO_GENL_NAME))
		return NL_SKIP;
	if (g->cmd == CTRL_CMD_DELFAMILY)
		w->seen = KERNEL_FAMILY_GONE;	/* a later NEW follows it */
	else if (g->cmd == CTRL_CMD_NEWFAMILY)
		w->seen |= KERNEL_FAMILY_NEW;
	return NL_OK;
}

int kernel_watch_open(struct kernel_watch **out, struct kernel_err *err)
{
	struct kernel_watch *w = calloc(1, sizeof(*w));
	int grp, ret = -ENOMEM;

	*out = NULL;
	if (!w)
		return fail(err, -ENOMEM, "out of memory");
	w->sk = nl_socket_alloc();
	w->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!w->sk || !w->cb)
		goto out_free;
	ret = genl_connect(w->sk);
	if (ret < 0)
		goto out_free;
	grp = genl_ctrl_resolve_grp(w->sk, "nlctrl", "notify");
	ret = grp < 0 ? grp : nl_socket_add_membership(w->sk, grp);
	if (ret < 0)
		goto out_free;
	nl_socket_set_nonblocking(w->sk);
	nl_cb_set(w->cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, any_seq, NULL);
	nl_cb_set(w->cb, NL_CB_VALID, NL_CB_CUSTOM, on_ctrl, w);
	*out = w;
	return 0;
out_free:
	kernel_watch_close(w);
	return fail(err, ret == -ENOMEM ? -ENOMEM : -EIO,
		    "watching generic netlink families: %s",
		    ret == -ENOMEM ? "out of memory" : nl_geterror(ret));
}

int kernel_watch_fd(struct kernel_watch *w)
{
	return nl_socket_get_fd(w->sk);
}

int kernel_watch_read(struct kernel_watch *w, struct kernel_err *err)
{
	int ret, seen;

	do {
		ret = nl_recvmsgs(w->sk, w->cb);
	} while (ret >= 0);
	if (ret != -NLE_AGAIN && ret != -NLE_NOMEM && ret != -NLE_BUSY)
		return fail(err, -EIO, "reading family notifications: %s",
			    nl_geterror(ret));
	seen = w->seen;
	w->seen = 0;
	/* Notifications lost: say both, the caller checks for itself. */
	if (ret == -NLE_NOMEM || ret == -NLE_BUSY)
		seen = KERNEL_FAMILY_GONE | KERNEL_FAMILY_NEW;
	return seen;
}

void kernel_watch_close(struct kernel_watch *w)
{
	if (!w)
		return;
	nl_socket_free(w->sk);
	nl_cb_put(w->cb);
	free(w);
}

/* ---- open, close ---- */

int kernel_open(struct kernel **out, struct kernel_err *err)
{
	struct kernel *k = calloc(1, sizeof(*k));
	int one = 1, ret;

	*out = NULL;
	if (!k)
		return fail(err, -ENOMEM, "out of memory");
	k->sk = nl_socket_alloc();
	if (!k->sk) {
		free(k);
		return fail(err, -ENOMEM, "out of memory");
	}
	ret = genl_connect(k->sk);
	if (ret < 0) {
		kernel_close(k);
		return fail(err, -EIO, "cannot open a generic netlink socket: %s",
			    nl_geterror(ret));
	}
	/* Answers carry the kernel's message; errors do not echo requests. */
	setsockopt(nl_socket_get_fd(k->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one,
		   sizeof(one));
	setsockopt(nl_socket_get_fd(k->sk), SOL_NETLINK, NETLINK_CAP_ACK, &one,
		   sizeof(one));
	k->family = genl_ctrl_resolve(k->sk, LBFO_GENL_NAME);
	if (k->family < 0) {
		kernel_close(k);
		return fail(err, -ENOENT,
			    "the \"%s\" generic netlink family is not there: is lbfo.ko loaded?",
			    LBFO_GENL_NAME);
	}
	/* Our requests ask for an ACK themselves (doit), or not (dump). */
	nl_socket_disable_auto_ack(k->sk);
	*out = k;
	return 0;
}

void kernel_close(struct kernel *k)
{
	if (!k)
		return;
	nl_socket_free(k->sk);
	nl_socket_free(k->ev_sk);
	nl_cb_put(k->ev_cb);
	free(k->queue);
	free(k);
}
