/**
 * A Google service account's key file (the JSON the Cloud console downloads), checked before it
 * is kept: a service account, an e-mail, a client ID (what the Admin console's domain-wide
 * delegation names), and an RSA private key Node can read.
 */
import { createPrivateKey } from 'node:crypto';
import { ja } from '../../../../preload/i18n/ja';
import { AppError } from '../../support/errors';
import type { ServiceAccountKey } from './oauth-types';

export function readServiceAccountKey(json: string): ServiceAccountKey {
  const refuse = () => new AppError('VALIDATION', ja.oauth.badKeyJson, { serviceAccountKey: ja.oauth.badKeyJson });
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw refuse();
  }
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const key: ServiceAccountKey = {
    clientEmail: text('client_email'), clientId: text('client_id'), privateKeyId: text('private_key_id'), privateKey: text('private_key'),
  };
  if (raw.type !== 'service_account' || !/^[^\s@]+@[^\s@]+$/.test(key.clientEmail) || !/^\d{1,40}$/.test(key.clientId)
    || !/^[0-9a-f]{1,80}$/i.test(key.privateKeyId)) throw refuse();
  try {
    if (createPrivateKey(key.privateKey).asymmetricKeyType !== 'rsa') throw refuse();
  } catch {
    throw refuse();
  }
  return key;
}
