// SPDX-License-Identifier: GPL-2.0
/* LACPDU bytes <-> fields (see lacpdu.h). */
#include <linux/string.h>
#include <asm/unaligned.h>

#include "lacpdu.h"

/* TLV types and lengths of version 1 (802.1AX-2008 43.4.2.2). */
#define TLV_TERMINATOR		0x00
#define TLV_ACTOR		0x01
#define TLV_PARTNER		0x02
#define TLV_COLLECTOR		0x03
#define INFO_LEN		20
#define COLLECTOR_LEN		16

/* Offsets from the subtype. */
#define OFF_ACTOR		2
#define OFF_PARTNER		22
#define OFF_COLLECTOR		42
#define OFF_TERMINATOR		58

static void put_info(u8 *p, u8 type, const struct lbfo_lacp_info *info)
{
	p[0] = type;
	p[1] = INFO_LEN;
	put_unaligned_be16(info->system_priority, p + 2);
	memcpy(p + 4, info->system, ETH_ALEN);
	put_unaligned_be16(info->key, p + 10);
	put_unaligned_be16(info->port_priority, p + 12);
	put_unaligned_be16(info->port, p + 14);
	p[16] = info->state;
	/* p[17..19]: reserved, zero */
}

static void get_info(const u8 *p, struct lbfo_lacp_info *info)
{
	info->system_priority = get_unaligned_be16(p + 2);
	memcpy(info->system, p + 4, ETH_ALEN);
	info->key = get_unaligned_be16(p + 10);
	info->port_priority = get_unaligned_be16(p + 12);
	info->port = get_unaligned_be16(p + 14);
	info->state = p[16];
}

void lbfo_lacpdu_build(const struct lbfo_lacpdu *pdu, u8 *buf)
{
	memset(buf, 0, LBFO_LACPDU_LEN);
	buf[0] = LBFO_LACP_SUBTYPE;
	buf[1] = pdu->version;
	put_info(buf + OFF_ACTOR, TLV_ACTOR, &pdu->actor);
	put_info(buf + OFF_PARTNER, TLV_PARTNER, &pdu->partner);
	buf[OFF_COLLECTOR] = TLV_COLLECTOR;
	buf[OFF_COLLECTOR + 1] = COLLECTOR_LEN;
	put_unaligned_be16(pdu->collector_max_delay, buf + OFF_COLLECTOR + 2);
	/* the terminator (0, 0) and the 50 reserved bytes stay zero */
}

enum lbfo_lacpdu_err lbfo_lacpdu_parse(const u8 *buf, size_t len,
				       struct lbfo_lacpdu *pdu)
{
	if (len < LBFO_LACPDU_LEN)
		return LBFO_LACPDU_SHORT;
	if (buf[0] != LBFO_LACP_SUBTYPE)
		return LBFO_LACPDU_SUBTYPE;
	if (!buf[1])
		return LBFO_LACPDU_VERSION;
	if (buf[OFF_ACTOR] != TLV_ACTOR || buf[OFF_ACTOR + 1] != INFO_LEN ||
	    buf[OFF_PARTNER] != TLV_PARTNER ||
	    buf[OFF_PARTNER + 1] != INFO_LEN ||
	    buf[OFF_COLLECTOR] != TLV_COLLECTOR ||
	    buf[OFF_COLLECTOR + 1] != COLLECTOR_LEN ||
	    buf[OFF_TERMINATOR] != TLV_TERMINATOR ||
	    buf[OFF_TERMINATOR + 1])
		return LBFO_LACPDU_TLV;
	pdu->version = buf[1];
	get_info(buf + OFF_ACTOR, &pdu->actor);
	get_info(buf + OFF_PARTNER, &pdu->partner);
	pdu->collector_max_delay = get_unaligned_be16(buf + OFF_COLLECTOR + 2);
	return LBFO_LACPDU_OK;
}

/* Marker PDUs (802.1AX-2008 43.5.3): the information TLV and its length. */
#define TLV_MARKER_INFO		0x01
#define TLV_MARKER_RESPONSE	0x02
#define MARKER_LEN		16
#define OFF_MARKER		2
#define OFF_MARKER_END		(OFF_MARKER + MARKER_LEN)

bool lbfo_marker_response(const u8 *buf, size_t len, u8 *out)
{
	if (len < OFF_MARKER_END + 2 || buf[0] != LBFO_MARKER_SUBTYPE ||
	    !buf[1] || buf[OFF_MARKER] != TLV_MARKER_INFO ||
	    buf[OFF_MARKER + 1] != MARKER_LEN ||
	    buf[OFF_MARKER_END] != TLV_TERMINATOR || buf[OFF_MARKER_END + 1])
		return false;
	memset(out, 0, LBFO_LACPDU_LEN);
	out[0] = LBFO_MARKER_SUBTYPE;
	out[1] = LBFO_LACP_VERSION;
	out[OFF_MARKER] = TLV_MARKER_RESPONSE;
	out[OFF_MARKER + 1] = MARKER_LEN;
	/* requester port, system and transaction ID; the pad stays zero */
	memcpy(out + OFF_MARKER + 2, buf + OFF_MARKER + 2, MARKER_LEN - 4);
	return true;
}
