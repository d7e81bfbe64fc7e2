# SPDX-License-Identifier: GPL-2.0
"""Netlink helpers for lbfo's test tools (lbfo-rtnl, lbfo-genl).

Plain sockets and struct packing, no library: the tools test the kernel's
ABI as include/uapi/linux/lbfo.h declares it, and read the enum values from
that header, the single source of truth.
"""
import os
import re
import socket
import struct

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      '..', '..', 'include', 'uapi', 'linux', 'lbfo.h')

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLMSG_ERROR = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_ACK_TLVS = 0x1, 0x4, 0x200
NLMSGERR_ATTR_MSG = 1
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
IFLA_LINKINFO = 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA = 4, 5
NLA_F_NESTED = 1 << 15


def uapi_enums():
    """Map every enumerator of lbfo.h to its value."""
    with open(HEADER) as f:
        text = re.sub(r'/\*.*?\*/', '', f.read(), flags=re.S)
    values = {}
    for body in re.findall(r'enum\s+\w+\s*{(.*?)}', text, flags=re.S):
        n = 0
        for item in body.split(','):
            item = item.strip()
            if not item:
                continue
            name, _, val = item.partition('=')
            if val.strip():
                n = int(val.strip(), 0)
            values[name.strip()] = n
            n += 1
    return values


E = uapi_enums()

class NetlinkError(Exception):
    pass


def attr(kind, payload):
    hdr = struct.pack('HH', 4 + len(payload), kind)
    pad = b'\0' * ((4 - len(payload) % 4) % 4)
    return hdr + payload + pad


def parse_attrs(data):
    out = {}
    while len(data) >= 4:
        length, kind = struct.unpack_from('HH', data)
        if length < 4:
            break
        out[kind & ~NLA_F_NESTED] = data[4:length]
        data = data[(length + 3) & ~3:]
    return out


NETLINK_GENERIC = 16
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NLM_F_DUMP = 0x300
NLMSG_DONE = 3


def ifindex(dev):
    try:
        return socket.if_nametoindex(dev)
    except OSError:
        raise NetlinkError(f'no such device: {dev}')


def request(proto, msg_type, flags, body, hdr=16):
    """Send one request; return the payloads of the replies (a list, empty
    for a plain ack). Raise NetlinkError with the extack text on error.
    hdr: bytes of family header (ifinfomsg, genlmsghdr) before attributes
    in replies; payloads are returned whole."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    msg = struct.pack('IHHII', 16 + len(body), msg_type,
                      NLM_F_REQUEST | flags, 1, 0) + body
    s.send(msg)
    out = []
    while True:
        data = s.recv(1 << 20)
        while data:
            length, mtype, mflags, _seq, _pid = struct.unpack_from('IHHII', data)
            payload = data[16:length]
            data = data[(length + 3) & ~3:]
            if mtype == NLMSG_DONE:
                err = struct.unpack_from('i', payload)[0] if payload else 0
                if err:
                    raise NetlinkError(_error_text(err, mflags, payload))
                return out
            if mtype == NLMSG_ERROR:
                err = struct.unpack_from('i', payload)[0]
                if err == 0:
                    return out
                raise NetlinkError(_error_text(err, mflags, payload))
            out.append(payload)
            if not flags & NLM_F_DUMP and not flags & NLM_F_ACK:
                return out


def _error_text(err, mflags, payload):
    text = ''
    if mflags & NLM_F_ACK_TLVS:
        # error code, then the request's header (capped ack), then TLVs;
        # in NLMSG_DONE the TLVs follow the error code directly.
        for off in (4 + 16, 4):
            tlvs = parse_attrs(payload[off:])
            if NLMSGERR_ATTR_MSG in tlvs:
                text = tlvs[NLMSGERR_ATTR_MSG].rstrip(b'\0').decode()
                break
    reason = os.strerror(-err)
    return f'{text} ({reason})' if text else reason


def genl_family(name):
    """The id of the generic netlink family NAME."""
    body = struct.pack('BBH', CTRL_CMD_GETFAMILY, 1, 0) + \
        attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b'\0')
    reply = request(NETLINK_GENERIC, GENL_ID_CTRL, NLM_F_ACK, body)
    attrs = parse_attrs(reply[0][4:])
    return struct.unpack('H', attrs[CTRL_ATTR_FAMILY_ID][:2])[0]
