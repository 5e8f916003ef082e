/**
 * The Message-ID every mail of ours carries, chosen before the mail leaves and stored with its
 * history row: a delivery report quotes it back, which is how a report is matched to the mail
 * without guessing. 128 random bits, at the sender's own domain (as nodemailer would make it:
 * some filters distrust an ID whose domain has nothing to do with the sender).
 */
import { randomBytes } from 'node:crypto';

const DOMAIN = /^[A-Za-z0-9.-]{1,253}$/;

export function newMessageId(domain: string): string {
  return `<${randomBytes(16).toString('hex')}.focus-u@${DOMAIN.test(domain) ? domain.toLowerCase() : 'focus-u.invalid'}>`;
}

/** The domain of an address ('' when it has none). */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).trim();
