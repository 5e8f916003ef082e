import { describe, expect, it } from 'vitest';
import { explainSmtpAnswer } from '../../main/services/mail/smtp-answers';

const ms = { method: 'microsoft365' as const, user: 'soumu@example.co.jp', fromAddress: 'info@example.co.jp' };

describe('Microsoft 365 and Google answers in words an administrator can act on', () => {
  it('535 5.7.139 basic authentication is disabled, on the password method', () => {
    expect(explainSmtpAnswer('535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [TYAPR01CA0001.jpnprd01.prod.outlook.com 2026-12-31T00:00:00.000Z 08DD]', { ...ms, method: 'password' }))
      .toBe('Microsoft 365 でパスワード認証が無効になっています。OAuth 2.0 を選んでください。');
  });

  it('5.7.139 for the mailbox and for the tenant name where SMTP AUTH is switched off', () => {
    expect(explainSmtpAnswer('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled', ms))
      .toContain('soumu@example.co.jp では SMTP AUTH（認証済み SMTP）が無効になっています。');
    expect(explainSmtpAnswer('535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled', ms))
      .toContain('組織全体で SMTP AUTH（認証済み SMTP）が無効になっています。');
    // another 5.7.139 (wrong password, Conditional Access): the server's own words
    expect(explainSmtpAnswer('535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.', ms)).toBeNull();
  });

  it('SendAsDenied names the mailbox and the From address', () => {
    expect(explainSmtpAnswer('554 5.2.252 SendAsDenied; soumu@example.co.jp not allowed to send as info@example.co.jp; STOREDRV.Submission.Exception', ms))
      .toContain('soumu@example.co.jp には、送信元メールアドレス info@example.co.jp として送信する権限がありません。');
  });

  it('535 5.7.3 with OAuth 2.0 on Microsoft 365: the mailbox permission of the app; with a password it is the server\'s own answer', () => {
    expect(explainSmtpAnswer('535 5.7.3 Authentication unsuccessful [X]', ms)).toContain('Add-MailboxPermission');
    expect(explainSmtpAnswer('535 5.7.3 Authentication unsuccessful [X]', { ...ms, method: 'password' })).toBeNull();
  });

  it('Gmail refusing a password asks for an app password with 2-step verification; refusing a token names the user', () => {
    const gmail = '535-5.7.8 Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials';
    expect(explainSmtpAnswer(gmail, { method: 'password', user: 'a@example.co.jp', fromAddress: '' })).toContain('「アプリ パスワード」');
    expect(explainSmtpAnswer(gmail, { method: 'google', user: 'a@example.co.jp', fromAddress: '' })).toContain('Google が a@example.co.jp としてのログインを認めませんでした。');
  });

  it('anything else is left to the server\'s own words', () => {
    expect(explainSmtpAnswer('550 5.1.1 User unknown', ms)).toBeNull();
    expect(explainSmtpAnswer('451 4.7.0 Temporary server error', ms)).toBeNull();
  });
});
