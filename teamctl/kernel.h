/* SPDX-License-Identifier: GPL-2.0 */
/*
 * teamctl's whole interface to the kernel: the "lbfo" generic netlink family
 * (include/uapi/linux/lbfo.h), through libnl-3. Nothing else in teamctl
 * talks to the kernel; everything else works on the structures below.
 *
 * Errors: every function returns 0 or a negative errno and, on error, fills
 * the caller's struct kernel_err with a message fit for the user: what was
 * being done, then the kernel's extended ack text when there is one
 * ("adding lo to team0: Loopback devices cannot be team members"),
 * otherwise strerror() ("deleting team0: No such device").
 */
#ifndef TEAMCTL_KERNEL_H
#define TEAMCTL_KERNEL_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/lbfo.h>

struct kernel;

struct kernel_err {
	char msg[256];
};

struct lbfo_counters {
	uint64_t tx_packets;
	uint64_t tx_bytes;
	uint64_t rx_packets;
	uint64_t rx_bytes;
	uint64_t tx_dropped;	/* team only */
	uint64_t rx_dropped;	/* team only */
};

/*
 * One end of a LACP link as its LACPDUs describe it (enum lbfo_lacp_info_a).
 * Every number is -1 when the kernel did not report it.
 */
struct lbfo_lacp_end {
	bool present;		/* the kernel sent this end */
	int sys_prio;
	long long system;	/* the MAC address as a 48-bit number */
	int key;
	int port_prio;
	int port;
	int state;		/* LBFO_LACP_STATE_* bits */
};

/*
 * A member's LACP state (LBFO_MEMBER_A_LACP, read-only; the kernel sends it
 * for the members of a team in mode lacp only). Values are the uapi enums
 * (enum lbfo_lacp_rx, _mux, _why); every field is -1 when the kernel did not
 * report it.
 */
struct lbfo_lacp_port {
	bool present;		/* the kernel sent the nest */
	struct lbfo_lacp_end actor, partner;
	int rx;
	int mux;
	int selected;		/* 1, 0 */
	long long aggregator;	/* 0: none */
	int why;
	int actor_churn;	/* 1, 0 */
	int partner_churn;	/* 1, 0 */
	long long rx_pdus, tx_pdus, rx_errors;
};

/*
 * Values are the uapi enums: enum lbfo_member_role, enum lbfo_member_state.
 * weight, buckets, lacp_prio and lacp_key are -1 when the kernel did not
 * report them.
 */
struct lbfo_member_info {
	char name[IF_NAMESIZE];
	int ifindex;
	int role;
	bool admin_up;
	long long weight;	/* 0: from the link speed */
	long long lacp_prio;	/* LACP port priority */
	long long lacp_key;	/* LACP key */
	int state;
	long long buckets;	/* transmit buckets it carries now */
	char driver[32];
	unsigned int speed_mbps;	/* 0: unknown */
	struct lbfo_counters counters;
	struct lbfo_lacp_port lacp;
};

/* The numeric team parameters; params.h has their words, keys and ranges. */
enum team_num {
	NUM_FLOWLET_GAP,	/* microseconds */
	NUM_BALANCE_INTERVAL,	/* milliseconds */
	NUM_BALANCE_THRESHOLD,	/* percent */
	NUM_PROBE_INTERVAL,	/* milliseconds, 0: off */
	NUM_PROBE_MISSED,	/* intervals */
	NUM_UPDELAY,		/* milliseconds */
	NUM_DOWNDELAY,		/* milliseconds */
	/* From here on, those that came with LACP (see lacp_shown()). */
	NUM_MIN_LINKS,		/* members carrying traffic for carrier */
	NUM_LACP_SYS_PRIO,	/* LACP actor system priority */
	N_NUMS,
};

/*
 * The team parameters that take one of a few values (u8 attributes);
 * params.h has their words, keys and names.
 */
enum team_opt {
	OPT_LACP_RATE,		/* enum lbfo_lacp_rate */
	OPT_LACP_ACTIVE,	/* 1: active, 0: passive */
	OPT_LACP_INDEPENDENT,	/* 1: independent control, 0: coupled */
	OPT_LACP_MIXED_SPEED,	/* 1: on, 0: off */
	OPT_LACP_FALLBACK,	/* 1: on, 0: off */
	N_OPTS,
};

/* An IPv4 or IPv6 address (a probe target), network order. */
struct lbfo_addr {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char addr[16];	/* the first 4 (IPv4) or all 16 bytes */
};

/*
 * A team's settable parameters. Read from the kernel, every field is set
 * (-1 if the kernel did not report it); in a change, a field at -1 is not
 * changed (n_targets -1: the target list is not changed, 0: no targets).
 */
struct team_params {
	int mode;		/* enum lbfo_mode */
	int lb;			/* enum lbfo_lb */
	long long hash;		/* LBFO_HASH_* bits */
	long long num[N_NUMS];	/* enum team_num */
	int n_targets;
	struct lbfo_addr targets[LBFO_PROBE_TARGETS_MAX];
	long long lacp_system;	/* a MAC address as a 48-bit number; 0: auto */
	int opt[N_OPTS];	/* enum team_opt */
};

struct lbfo_team_info {
	char name[IF_NAMESIZE];
	int ifindex;
	struct team_params p;
	char primary[IF_NAMESIZE];	/* the member the team's MAC is on, "" */
	int lacp_state;		/* enum lbfo_lacp_team_state, or -1 */
	bool carrier;
	unsigned int carriers;
	struct lbfo_counters counters;
	struct lbfo_member_info *members;	/* in join order */
	size_t n_members;
};

struct lbfo_team_list {
	struct lbfo_team_info *teams;
	size_t n_teams;
};

/* A change to a member; fields left at -1 are not changed. */
struct lbfo_member_change {
	int role;		/* enum lbfo_member_role, or -1 */
	int admin_up;		/* 1, 0, or -1 */
	long long weight;	/* 0..LBFO_WEIGHT_MAX, or -1 */
	long long lacp_prio;	/* 1..65535, or -1 */
	long long lacp_key;	/* 1..65535, or -1 */
};

/* A member change that changes nothing. */
#define MEMBER_CHANGE_NONE ((struct lbfo_member_change){ -1, -1, -1, -1, -1 })

/* An event from the "events" multicast group, decoded. */
struct lbfo_event {
	int cmd;		/* enum lbfo_cmd: LBFO_CMD_TEAM_NEW ... LACP */
	char team[IF_NAMESIZE];
	int team_ifindex;
	bool has_member;
	struct lbfo_member_info member;	/* MEMBER_* and LACP events */
	int member_admin;	/* 1, 0, or -1 when the event does not say */
	int old_state;		/* MEMBER_STATE, else -1 */
	int reason;		/* enum lbfo_reason, or -1 */
	char trigger[IF_NAMESIZE];	/* "" if none */
	int carriers;		/* FAILOVER and TEAM_*, else -1 */
	struct lbfo_team_info team_info;	/* TEAM_* events (no members);
						 * lacp_state of LACP events */
};

int kernel_open(struct kernel **k, struct kernel_err *err);
void kernel_close(struct kernel *k);

/*
 * Reads: one team (as a list of one) or all of them. Free what they fill
 * with lbfo_team_list_free; on error *out is empty.
 */
int kernel_team_get(struct kernel *k, const char *team,
		    struct lbfo_team_list *out, struct kernel_err *err);
int kernel_team_list(struct kernel *k, struct lbfo_team_list *out,
		     struct kernel_err *err);
void lbfo_team_info_free(struct lbfo_team_info *t);
void lbfo_team_list_free(struct lbfo_team_list *l);

/*
 * Writes (need CAP_NET_ADMIN). Parameters at -1 are not sent: the kernel's
 * default for a new team, unchanged for a set.
 */
int kernel_team_add(struct kernel *k, const char *team,
		    const struct team_params *p, struct kernel_err *err);
int kernel_team_del(struct kernel *k, const char *team,
		    struct kernel_err *err);
int kernel_team_set(struct kernel *k, const char *team,
		    const struct team_params *p, struct kernel_err *err);
int kernel_member_add(struct kernel *k, const char *team, const char *dev,
		      const struct lbfo_member_change *c,
		      struct kernel_err *err);
int kernel_member_del(struct kernel *k, const char *team, const char *dev,
		      struct kernel_err *err);
int kernel_member_set(struct kernel *k, const char *team, const char *dev,
		      const struct lbfo_member_change *c,
		      struct kernel_err *err);

/*
 * Events: subscribe, then call kernel_event_next() in a loop; it blocks
 * until the next event and returns 0 with *ev filled, or a negative errno
 * (-EINTR when a signal interrupted the wait, -ENOBUFS when events were
 * lost). While it waits, SIGINT, SIGTERM and SIGHUP are unblocked: a caller
 * that blocks them outside the wait is interrupted only there, without a
 * race between its check of a flag and the wait.
 */
int kernel_events_subscribe(struct kernel *k, struct kernel_err *err);
int kernel_event_next(struct kernel *k, struct lbfo_event *ev,
		      struct kernel_err *err);

/*
 * For an event loop (teamctld): the events socket's descriptor (after
 * subscribing), and the next event without waiting: 0 with *ev filled,
 * -EAGAIN when none is there, -ENOBUFS when events were lost, or another
 * negative errno (the family went away, the socket broke).
 */
int kernel_events_fd(struct kernel *k);
int kernel_event_try(struct kernel *k, struct lbfo_event *ev,
		     struct kernel_err *err);

/*
 * Watching for the lbfo family to come and go (lbfo.ko loaded, unloaded),
 * through generic netlink's own "notify" group. Open, poll the descriptor,
 * and on input call kernel_watch_read(): it returns what happened since
 * the last call, KERNEL_FAMILY_GONE and/or KERNEL_FAMILY_NEW (in the order
 * they happened when both: GONE first means reloaded), 0 for nothing, or a
 * negative errno.
 */
#define KERNEL_FAMILY_GONE	0x1
#define KERNEL_FAMILY_NEW	0x2

struct kernel_watch;

int kernel_watch_open(struct kernel_watch **out, struct kernel_err *err);
int kernel_watch_fd(struct kernel_watch *w);
int kernel_watch_read(struct kernel_watch *w, struct kernel_err *err);
void kernel_watch_close(struct kernel_watch *w);

#endif /* TEAMCTL_KERNEL_H */
