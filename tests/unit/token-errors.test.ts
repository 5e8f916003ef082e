import { describe, expect, it } from 'vitest';
import { explainGoogleError, explainMicrosoftError, networkReason } from '../../main/services/mail/oauth/token-errors';

/** MSAL's ServerError as it arrives (the fields MSAL sets from Entra's answer). */
const msal = (code: number, text: string) => ({
  errorCode: 'invalid_client', errorNo: code,
  errorMessage: `Error(s): ${code} - Timestamp: 2026-12-01 00:00:00Z - Description: AADSTS${code}: ${text} Trace ID: 0000 Correlation ID: 1111 Timestamp: 2026-12-01 00:00:00Z`,
});
const google = { provider: 'google' as const, key: { clientEmail: 'm@p.iam.gserviceaccount.com', clientId: '1234567890', privateKeyId: 'ab', privateKey: '' }, user: 'soumu@example.co.jp' };
const gaxios = (error: string, description: string) => ({ response: { status: 400, data: { error, error_description: description } } });

describe('the token step\'s failures', () => {
  it('Entra\'s AADSTS codes name the setting to fix; each is the provider saying no', () => {
    expect(explainMicrosoftError(msal(7000215, 'Invalid client secret provided.'))).toMatchObject({ refusal: true, explanation: expect.stringContaining('クライアントシークレットが正しくありません。') });
    expect(explainMicrosoftError(msal(7000222, 'The provided client secret keys are expired.')).explanation).toContain('有効期限が切れています');
    expect(explainMicrosoftError(msal(700027, 'Client assertion contains an invalid signature.')).explanation).toContain('証明書がアプリに登録されていないか');
    expect(explainMicrosoftError(msal(700016, 'Application with identifier was not found.')).explanation).toContain('アプリケーション（クライアント）IDがこのテナントに見つかりません。');
    expect(explainMicrosoftError(msal(90002, 'Tenant not found.')).explanation).toContain('テナントIDが見つかりません。');
    expect(explainMicrosoftError(msal(7000112, 'Application is disabled.')).explanation).toContain('無効化されています');
    expect(explainMicrosoftError(msal(65001, 'The user or administrator has not consented.')).explanation).toContain('管理者の同意が付与されていません。');
  });

  it('an unknown code shows Entra\'s code and sentence, without trace ids', () => {
    const e = explainMicrosoftError(msal(53003, 'Access has been blocked by Conditional Access policies.'));
    expect(e.explanation).toBe('Microsoft の応答: AADSTS53003: Access has been blocked by Conditional Access policies.');
  });

  it('Google\'s OAuth errors: delegation, a revoked key, an unknown user, a disabled account; unknown ones shown as Google said them', () => {
    const host = 'oauth2.googleapis.com';
    expect(explainGoogleError(gaxios('unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method'), google, host).explanation).toContain('クライアントID 1234567890 にスコープ https://mail.google.com/ を追加してください。');
    expect(explainGoogleError(gaxios('invalid_grant', 'Invalid JWT Signature.'), google, host).explanation).toContain('サービスアカウントキーが無効です');
    expect(explainGoogleError(gaxios('invalid_grant', 'Invalid email or User ID'), google, host).explanation).toContain('送信者メールアドレス（soumu@example.co.jp）');
    expect(explainGoogleError(gaxios('disabled_client', 'The OAuth client was disabled.'), google, host).explanation).toContain('無効化されています');
    expect(explainGoogleError(gaxios('invalid_request', 'Something new.'), google, host).explanation).toBe('Google の応答: invalid_request: Something new.');
  });

  it('a network failure names the host and the system\'s code, and may be retried', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    const e = explainGoogleError(Object.assign(new TypeError('fetch failed'), { cause }), google, 'oauth2.googleapis.com');
    expect(e).toMatchObject({ refusal: false });
    expect(e.explanation).toBe('認証サーバー（oauth2.googleapis.com）に接続できませんでした（connect ECONNREFUSED 127.0.0.1:443）。ネットワークやプロキシの設定を確認してください。');
    expect(networkReason(Object.assign(new Error('unable to get local issuer certificate'), { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })))
      .toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY unable to get local issuer certificate');
  });
});
