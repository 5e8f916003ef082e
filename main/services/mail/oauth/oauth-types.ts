/**
 * What the token step needs for each provider, opened from the stored settings (secrets
 * unsealed only here, in memory, for as long as a token fetcher holds them).
 */

/** Where the providers' authorization servers are: the public clouds, or a stand-in (tests, another cloud). */
export interface OAuthEndpoints {
  /** Microsoft Entra ID's login host; the authority is `${microsoftLoginUrl}/${tenantId}` */
  microsoftLoginUrl: string;
  /** Google's token endpoint (google-auth-library knows only the public one: see google-token.ts) */
  googleTokenUrl: string;
}

export const DEFAULT_OAUTH_ENDPOINTS: OAuthEndpoints = {
  microsoftLoginUrl: 'https://login.microsoftonline.com',
  googleTokenUrl: 'https://oauth2.googleapis.com/token',
};

/** Exchange Online's SMTP AUTH with application permissions (SMTP.SendAsApp), client-credentials grant. */
export const EXCHANGE_SMTP_SCOPE = 'https://outlook.office365.com/.default';
/** Gmail's SMTP (and IMAP/POP) with XOAUTH2: the one scope that covers SMTP submission. */
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

export type MicrosoftCredential =
  | { kind: 'secret'; secret: string }
  /** private_key_jwt: the certificate's SHA-256 thumbprint names it, its RSA key signs the client assertion */
  | { kind: 'certificate'; certPem: string; keyPem: string; thumbprintSha256Hex: string };

/** A service account key file's fields that matter (the JSON the Cloud console downloads). */
export interface ServiceAccountKey {
  clientEmail: string;
  clientId: string;
  privateKeyId: string;
  privateKey: string;
}

export type OAuthCredentials =
  | { provider: 'microsoft365'; tenantId: string; clientId: string; credential: MicrosoftCredential; user: string }
  /** `user`: the Workspace user the service account acts as (domain-wide delegation's `sub`) */
  | { provider: 'google'; key: ServiceAccountKey; user: string };

export type OAuthProvider = OAuthCredentials['provider'];
