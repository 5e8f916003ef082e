/**
 * Microsoft 365's and Google's SMTP answers that name a setting, in words an office administrator
 * can act on (the server's own answer is shown after them). Anything else is shown as the server
 * said it.
 */
import { ja } from '../../../preload/i18n/ja';
import type { SmtpAuthMethod } from '../../../preload/contract';

/** What the explanation may name: how the app logs in, as whom, and the From address. */
export interface AnswerContext { method: SmtpAuthMethod; user: string; fromAddress: string }

const s = ja.oauth.smtp;

export function explainSmtpAnswer(answer: string, ctx?: AnswerContext): string | null {
  const user = ctx?.user || ja.oauth.user;
  const auth = /^53[45]\b/.test(answer);
  // Exchange Online's 5.7.139 family: each text names what is switched off
  if (/\b5\.7\.139\b/.test(answer)) {
    if (/basic authentication is disabled/i.test(answer)) return s.basicAuthDisabled;
    if (/SmtpClientAuthentication is disabled for the Mailbox/i.test(answer)) return s.smtpAuthDisabledMailbox(user);
    if (/SmtpClientAuthentication is disabled for the Tenant/i.test(answer)) return s.smtpAuthDisabledTenant;
    return null;
  }
  if (/\b5\.2\.252\b|SendAsDenied/i.test(answer)) return s.sendAsDenied(user, ctx?.fromAddress || ja.smtp.fromAddress);
  if (auth && ctx?.method === 'microsoft365' && /\b5\.7\.3\b/.test(answer)) return s.microsoftRefused(user);
  // Gmail: 535-5.7.8 BadCredentials, 534-5.7.9 an app password is required
  if (auth && /Username and Password not accepted|BadCredentials|Application-specific password/i.test(answer)) {
    return ctx?.method === 'google' ? s.googleRefused(user) : s.googlePasswordRefused;
  }
  return null;
}
