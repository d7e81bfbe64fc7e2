/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events of member devices (link, features, MTU, unregistration).
 */
#ifndef _LBFO_NOTIFIER_H
#define _LBFO_NOTIFIER_H

int lbfo_notifier_init(void);
void lbfo_notifier_uninit(void);

#endif /* _LBFO_NOTIFIER_H */
