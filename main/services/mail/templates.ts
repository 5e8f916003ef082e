/** The two mails of SPEC §8, composed from the catalogue; plain text, the link on its own line. */
import { ja } from '../../../preload/i18n/ja';
import { formatDateTime } from '../../../preload/i18n/format-date-time';

export interface ComposedMail { subject: string; text: string }

export function verificationMail(p: { name: string; url: string; expiresAt: number; companyName: string }): ComposedMail {
  return {
    subject: ja.mail.verificationSubject,
    text: ja.mail.verificationBody({ ...p, expiresAt: formatDateTime(p.expiresAt) }),
  };
}

export function accountMail(p: {
  name: string; loginId: string; password: string; portalUrl: string; companyName: string;
}): ComposedMail {
  // The portal's pages are responsive: the smartphone URL is the same address.
  return { subject: ja.mail.accountSubject, text: ja.mail.accountBody({ ...p, smartphoneUrl: p.portalUrl }) };
}
