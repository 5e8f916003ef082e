/**
 * The status model of SPEC §4 applied to the database: each event is one guarded write with
 * its side effects, used by every service (PDF issue, mail verification, bulk mail, the portal's
 * login). Call these inside a transaction.
 *
 * Guarded: the write names the row version the caller read (or the one read here, in the same
 * transaction); when another actor got there first it changes nothing and says so.
 *
 * Delivered ⇒ works, not delivered ⇒ never works: a new secret is reserved as *pending* before it
 * leaves the process (reserveDelivery); the one in force keeps working. When the delivery is
 * confirmed (completeDelivery) — or when the secret is first used, should the confirmation never
 * have been recorded (a crash, a database that refused it) — the pending secret is put in force
 * and its event happens. A refused or cancelled delivery drops it (abandonDelivery).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { selectAccount, writeAccountFacts, writePasscode, type AccountRow } from '../../db/queries/account';
import { revokeOpenLinks } from '../../db/queries/issuance';
import { consumeLink, insertLink, revokeLink, selectLinkById, setMailResult } from '../../db/queries/mail';
import { refreshLinkValidity } from '../../db/queries/verification-links';
import {
  deletePendingSecret, deletePendingSecretsOf, hasDeliveryInFlight, insertPendingSecret, selectPendingSecret, selectPendingSecrets,
  type DeliveryEvent, type PendingSecret, type SecretKind,
} from '../../db/queries/pending-secrets';
import { deletePortalSessionsOf } from '../../db/queries/portal-sessions';
import type { AccountFacts } from '../../preload/domain-types';
import { applyEvent, type AccountEvent } from './domain/status';
import { verifySecret } from './support/secret-hasher';

/** Why a transition did not happen. */
export type Refusal =
  | 'gone' // the employee was deleted
  | 'changed' // another actor changed the row since the caller read it
  | 'notAllowed' // SPEC §4 does not allow the event from the current state
  | 'inFlight' // a delivery of a new password for this employee is on its way
  | 'addressGone' // the link's address is no longer on file
  | 'linkDead'; // the link was used, revoked or has expired

export type Outcome<T = object> = ({ ok: true; version: number; facts: AccountFacts } & T) | { ok: false; reason: Refusal };

const runs = new WeakMap<Database, string>();
/**
 * One id per opened database (a run of the app): a pending secret of this run is a delivery in
 * flight, one of an earlier run was caught by a crash. One server per data folder makes this exact.
 */
export function runIdOf(db: Database): string {
  let id = runs.get(db);
  if (!id) runs.set(db, (id = randomBytes(8).toString('hex')));
  return id;
}

interface EventOptions {
  now: number;
  /** the version the caller read; omitted: the one read here (same transaction) */
  expectVersion?: number;
  /** for newPassword effects: the hash of the delivered password */
  newPasswordHash?: string;
  /** for consumeLink: the link that verified */
  linkId?: number;
  /** for newLink: the link to store */
  link?: { tokenHash: string; address: string; expiresAt: number };
  /** the moment the event happened for the status model (a confirmed delivery happened when it was reserved) */
  at?: number;
  /** the delivery this event completes may pass its own reservation */
  completing?: boolean;
}

/** One event of SPEC §4's table for one employee: guarded write and side effects. */
export function applyAccountEvent(db: Database, employeeId: number, event: AccountEvent, o: EventOptions): Outcome<{ linkId: number | null }> {
  const acct = selectAccount(db, employeeId);
  const refused = checkWritable(db, acct, o.expectVersion, o.completing ?? false);
  if (refused) return { ok: false, reason: refused };
  const row = acct!;
  const t = applyEvent(row.facts, event, o.at ?? o.now);
  if (!t.ok) return { ok: false, reason: 'notAllowed' };
  if (t.effects.includes('newLink') && (!o.link || !row.addresses.includes(o.link.address))) return { ok: false, reason: 'addressGone' };
  const newHash = t.effects.includes('newPassword') ? o.newPasswordHash ?? null : null;
  if (t.effects.includes('newPassword') && newHash === null) throw new Error(`${event.type} needs the delivered password`);
  if (!writeAccountFacts(db, employeeId, row.version, t.facts, o.now, newHash)) return { ok: false, reason: 'changed' };

  let linkId: number | null = null;
  for (const effect of t.effects) {
    switch (effect) {
      case 'newPassword':
        deletePendingSecretsOf(db, employeeId, 'password'); // any other pending password is void now
        break;
      case 'newLink':
        linkId = insertLink(db, { employeeId, tokenHash: o.link!.tokenHash, address: o.link!.address, sentAt: o.now, expiresAt: o.link!.expiresAt });
        break;
      case 'revokeOpenLinks':
        revokeOpenLinks(db, employeeId, o.now);
        break;
      case 'consumeLink':
        if (o.linkId !== undefined) consumeLink(db, o.linkId, employeeId, o.now);
        else revokeOpenLinks(db, employeeId, o.now);
        break;
      case 'endSessions':
        deletePortalSessionsOf(db, employeeId);
        break;
      case 'sendAccountMail': // the caller's, before the password is put in force
      case 'recordLogin': // the login's own write
        break;
    }
  }
  return { ok: true, version: row.version + 1, facts: t.facts, linkId };
}

function checkWritable(db: Database, acct: AccountRow | undefined, expectVersion: number | undefined, completing: boolean): Refusal | null {
  if (!acct) return 'gone';
  if (expectVersion !== undefined && acct.version !== expectVersion) return 'changed';
  if (!completing && hasDeliveryInFlight(db, acct.id, 'password', runIdOf(db))) return 'inFlight';
  return null;
}

export interface Reservation {
  employeeId: number;
  kind: SecretKind;
  deliveryId: string;
  hash: string;
  event: DeliveryEvent;
  now: number;
  expectVersion?: number;
  /** linkVerified: the link pressed, which must still be live and its address still on file */
  linkId?: number;
  /** the mail history row written with the reservation ('sending'), confirmed with the delivery */
  historyId?: number;
}

/**
 * Before a new secret leaves the process: stores its hash as pending, guarded. The secret in
 * force keeps working. Refused when the row changed, the event is not allowed now, or another
 * delivery for the employee is on its way.
 */
export function reserveDelivery(db: Database, r: Reservation): Outcome {
  const acct = selectAccount(db, r.employeeId);
  if (!acct) return { ok: false, reason: 'gone' };
  if (r.expectVersion !== undefined && acct.version !== r.expectVersion) return { ok: false, reason: 'changed' };
  if (hasDeliveryInFlight(db, r.employeeId, r.kind, runIdOf(db))) return { ok: false, reason: 'inFlight' };
  if (r.kind === 'password') {
    if (!applyEvent(acct.facts, passwordEvent(r.event), r.now).ok) return { ok: false, reason: 'notAllowed' };
    if (r.event === 'linkVerified') {
      const link = r.linkId === undefined ? undefined : selectLinkById(db, r.linkId);
      if (!link || link.employeeId !== r.employeeId || link.usedAt !== null || link.revokedAt !== null || r.now >= link.expiresAt) {
        return { ok: false, reason: 'linkDead' };
      }
      if (!acct.addresses.includes(link.address)) return { ok: false, reason: 'addressGone' };
    }
  }
  // No version bump: a reservation changes nothing an editor sees, and while it is in flight every
  // transition of the employee is refused ('inFlight'); a dropped one leaves the row as it was.
  insertPendingSecret(db, {
    employeeId: r.employeeId, kind: r.kind, deliveryId: r.deliveryId, hash: r.hash, event: r.event,
    linkId: r.linkId ?? null, historyId: r.historyId ?? null, runId: runIdOf(db), createdAt: r.now,
  });
  return { ok: true, version: acct.version, facts: acct.facts };
}

/**
 * The delivery was confirmed (or the pending secret was just used): it is put in force and its
 * event happens, as of the moment it was reserved. 'gone': nothing pending under that id (already
 * completed, abandoned, or the employee deleted); 'refused': the event no longer applies (the
 * administrator cancelled meanwhile, after a crash): the pending secret is dropped.
 */
export function completeDelivery(db: Database, employeeId: number, kind: SecretKind, deliveryId: string, now: number): 'completed' | 'gone' | 'refused' {
  const p = selectPendingSecret(db, employeeId, kind, deliveryId);
  if (!p) return 'gone';
  if (p.historyId !== null) setMailResult(db, p.historyId, 'sent');
  if (kind === 'passcode') {
    writePasscode(db, employeeId, p.hash, now);
    deletePendingSecretsOf(db, employeeId, 'passcode');
    return 'completed';
  }
  const done = applyAccountEvent(db, employeeId, passwordEvent(p.event), {
    now, at: p.createdAt, newPasswordHash: p.hash, linkId: p.linkId ?? undefined, completing: true,
  });
  if (!done.ok) {
    deletePendingSecret(db, employeeId, kind, deliveryId);
    return 'refused';
  }
  return 'completed';
}

function passwordEvent(e: DeliveryEvent): AccountEvent {
  if (e === 'passcodeIssued') throw new Error('a passcode is not a password event');
  return { type: e };
}

/** The delivery did not happen (refused, cancelled, failed): the pending secret is dropped; the old one stays. */
export function abandonDelivery(db: Database, employeeId: number, kind: SecretKind, deliveryId: string): void {
  deletePendingSecret(db, employeeId, kind, deliveryId);
}

/**
 * A verification mail the SMTP server refused: its link (stored before the mail left) dies, and
 * the employee's state is what it was before — unless someone changed it since (`version` moved),
 * then only the link's own expiry leaves the facts.
 */
export function undoVerificationMail(
  db: Database, u: { employeeId: number; linkId: number; previous: AccountFacts; version: number; now: number },
): void {
  revokeLink(db, u.linkId, u.now);
  if (!writeAccountFacts(db, u.employeeId, u.version, u.previous, u.now, null)) refreshLinkValidity(db, u.employeeId, u.now);
}

/**
 * A secret typed at the portal or the kiosk: the one in force, or a pending one that may have
 * been delivered (its first use will put it in force: completeDelivery). Which one matched, or null.
 */
export async function matchSecret(
  db: Database, employeeId: number, kind: SecretKind, inForce: string | null, typed: string,
): Promise<'inForce' | PendingSecret | null> {
  if (await verifySecret(inForce, typed)) return 'inForce';
  for (const p of selectPendingSecrets(db, employeeId, kind)) {
    if (await verifySecret(p.hash, typed)) return p;
  }
  return null;
}
