/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LACPDUs (IEEE 802.1AX-2008 clause 43.4.2, version 1): their fields, and
 * the 110 bytes that follow the Slow Protocols ethertype (0x8809) on the
 * wire; and the answer to a Marker PDU, which has the same length. Pure: no
 * sk_buff; team_driver/ copies the bytes in and out.
 */
#ifndef _LBFO_POLICIES_LACPDU_H
#define _LBFO_POLICIES_LACPDU_H

#include <linux/bits.h>
#include <linux/if_ether.h>
#include <linux/types.h>

/* The Slow Protocols subtypes of LACP and Marker, and the version we send. */
#define LBFO_LACP_SUBTYPE	0x01
#define LBFO_MARKER_SUBTYPE	0x02
#define LBFO_LACP_VERSION	0x01
/* From the subtype to the end of the reserved tail. */
#define LBFO_LACPDU_LEN		110

/* The state bits of an actor or partner (802.1AX-2008 43.4.2.2). */
#define LBFO_LACP_ACTIVITY	BIT(0)	/* active LACP (else passive) */
#define LBFO_LACP_TIMEOUT	BIT(1)	/* short timeout (fast rate) */
#define LBFO_LACP_AGGREGATION	BIT(2)	/* aggregatable (else individual) */
#define LBFO_LACP_SYNC		BIT(3)	/* in sync with its aggregator */
#define LBFO_LACP_COLLECTING	BIT(4)
#define LBFO_LACP_DISTRIBUTING	BIT(5)
#define LBFO_LACP_DEFAULTED	BIT(6)	/* partner info is the default */
#define LBFO_LACP_EXPIRED	BIT(7)

/**
 * struct lbfo_lacp_info - the actor or partner information of a LACPDU
 * @system_priority: the system's priority (lower wins).
 * @system: the system's ID, a MAC address.
 * @key: the operational key of the port.
 * @port_priority: the port's priority (lower wins).
 * @port: the port number.
 * @state: LBFO_LACP_* bits.
 */
struct lbfo_lacp_info {
	u16 system_priority;
	u8 system[ETH_ALEN];
	u16 key;
	u16 port_priority;
	u16 port;
	u8 state;
};

/**
 * struct lbfo_lacpdu - a LACPDU's fields
 * @version: the version number (we send 1; a later one is read as 1).
 * @actor: who sent it.
 * @partner: what the sender believes about us.
 * @collector_max_delay: in tens of microseconds.
 */
struct lbfo_lacpdu {
	u8 version;
	struct lbfo_lacp_info actor;
	struct lbfo_lacp_info partner;
	u16 collector_max_delay;
};

/**
 * enum lbfo_lacpdu_err - why received bytes are not a LACPDU
 * @LBFO_LACPDU_OK: they are one.
 * @LBFO_LACPDU_SHORT: fewer than LBFO_LACPDU_LEN bytes.
 * @LBFO_LACPDU_SUBTYPE: not the LACP subtype (a marker PDU, or another
 *	slow protocol).
 * @LBFO_LACPDU_VERSION: version 0, which no standard defines.
 * @LBFO_LACPDU_TLV: a TLV type or length that version 1 does not have
 *	(actor 1/20, partner 2/20, collector 3/16, terminator 0/0).
 */
enum lbfo_lacpdu_err {
	LBFO_LACPDU_OK,
	LBFO_LACPDU_SHORT,
	LBFO_LACPDU_SUBTYPE,
	LBFO_LACPDU_VERSION,
	LBFO_LACPDU_TLV,
};

/**
 * lbfo_lacpdu_build() - the bytes of a LACPDU
 * @pdu: its fields (@pdu->version is written as given)
 * @buf: LBFO_LACPDU_LEN bytes; reserved fields are zeroed
 */
void lbfo_lacpdu_build(const struct lbfo_lacpdu *pdu, u8 *buf);

/**
 * lbfo_lacpdu_parse() - read a received LACPDU
 * @buf: the bytes after the ethertype
 * @len: how many there are (padding after the LACPDU is ignored)
 * @pdu: filled when the result is LBFO_LACPDU_OK
 *
 * Reserved fields are not checked, and a version above 1 is read as
 * version 1, as the standard asks for forward compatibility.
 *
 * Return: LBFO_LACPDU_OK or why the bytes are refused.
 */
enum lbfo_lacpdu_err lbfo_lacpdu_parse(const u8 *buf, size_t len,
				       struct lbfo_lacpdu *pdu);

/**
 * lbfo_marker_response() - the Marker Response PDU to a Marker PDU
 * @buf: the received bytes after the ethertype
 * @len: how many there are
 * @out: LBFO_LACPDU_LEN bytes: the response, the requester's port, system
 *	and transaction ID copied back (802.1AX-2008 43.5.3)
 *
 * Return: true if @buf is a Marker Information PDU and @out is its
 * response; false (and @out untouched) otherwise.
 */
bool lbfo_marker_response(const u8 *buf, size_t len, u8 *out);

#endif /* _LBFO_POLICIES_LACPDU_H */
