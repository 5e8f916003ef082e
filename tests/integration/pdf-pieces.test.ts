/**
 * A long notice is rendered a piece at a time and assembled into one PDF (render-in-pieces.ts):
 * the administrator still gets one document, one A4 page per employee in the order chosen, every
 * font embedded, every page readable and printable. And a render worker that dies in the middle
 * of an issue is a Japanese refusal that stores nothing, while the hashing still runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertEmployee } from '../../db/queries/employees';
import { PdfIssuanceService } from '../../main/services/pdf-issuance-service';
import { noticeDocument, passwordNoticePage } from '../../main/services/pdf/notice-document';
import { createPdfRenderer, type PdfRenderer } from '../../main/services/pdf/pdf-renderer-client';
import { renderInPieces } from '../../main/services/pdf/render-in-pieces';
import { renderPdf } from '../../main/services/pdf/render-pdf';
import { createBulkHasher, type BulkHasher } from '../../main/services/support/bulk-hasher';
import { silentLogger } from '../../main/services/support/logger';
import { ja } from '../../preload/i18n/ja';
import { pdfPagesText } from '../support/pdf-text';
import { makeTestApp } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
/** the renderers and hashers the tests made: closed after each */
const workers: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  t = makeTestApp();
  await t.app.auth.setup({ companyName: '試験株式会社', adminLastName: '管理者', loginId: 'admin', password: 'long enough 1' });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await t.dispose();
});

/** The issuance service on the test app's database, with a renderer of our own. */
function issuanceWith(renderer: PdfRenderer, hasher: BulkHasher = createBulkHasher()): PdfIssuanceService {
  workers.push(renderer, hasher);
  return new PdfIssuanceService({
    db: t.app.db, clock: t.clock, events: t.app.events, logger: silentLogger, renderer, hasher, portalUrl: () => 'http://192.168.1.10:8080/',
  });
}

function addEmployees(n: number): number[] {
  return t.app.db.transaction(() => Array.from({ length: n }, (_, i) => insertEmployee(t.app.db, {
    loginId: `emp${i}`, code: String(1000 + i), honorific: '', lastName: i % 2 ? '髙﨑' : '弥生', firstName: `${i}郎`,
    department: '', email1: null, email2: null, email3: null, recorderEnabled: true,
  }, t.clock.now())))();
}

const hashOf = (id: number) =>
  (t.app.db.prepare('SELECT password_hash AS h FROM employees WHERE id = ?').get(id) as { h: string | null }).h;

describe('a notice rendered in pieces', () => {
  it('is one PDF with one A4 page per employee, in order, each with its own password, every font embedded', async () => {
    const pieces: number[] = [];
    const issuance = issuanceWith(createPdfRenderer({ pagesPerPiece: 3, onPiece: (done) => pieces.push(done) }));
    const ids = addEmployees(8);
    const issue = await issuance.prepare({ kind: 'password', mode: 'bulk', ids });
    expect(pieces).toEqual([3, 6, 8]); // three pieces, assembled
    const result = await issuance.deliver(issue.id, async () => 'delivered');
    expect(result.counts.success).toBe(8);

    const file = path.join(t.dataDir, 'notice.pdf');
    writeFileSync(file, issue.pdf);
    const pages = await pdfPagesText(issue.pdf);
    expect(pages).toHaveLength(8);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`${i % 2 ? '髙﨑' : '弥生'} ${i}郎 さん`);
      expect(page).toContain('Focus U パスワードのご案内');
      const lines = page.split('\n');
      expect(lines[lines.indexOf('ログインID') + 1]).toBe(`emp${i}`);
      expect(await verify(hashOf(ids[i]!)!, lines[lines.indexOf('パスワード') + 1]!)).toBe(true);
    }

    // A4 throughout
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '8', file], { encoding: 'utf8' });
    expect(info.match(/^Page +\d+ size: +595\.28 x 841\.89 pts/gm)).toHaveLength(8);
    expect(info).toContain(`Title:           ${ja.notice.passwordDocumentTitle}\n`);
    // each font the pages use embedded once for the whole notice, a subset (pdffonts: the 'emb' and 'sub'
    // columns), with a ToUnicode map for copying
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['BIZUDGothic-Regular', 'BIZUDPGothic-Bold', 'BIZUDPGothic-Regular']);
    for (const line of fonts) expect(line).toMatch(/CID TrueType +Identity-H +yes +yes +yes/);
    // every page prints: poppler renders each without complaint, with about as much ink as the first
    const ink = Array.from({ length: 8 }, (_, i) => {
      const r = spawnSync('pdftoppm', ['-gray', '-r', '20', '-f', String(i + 1), '-l', String(i + 1), file], { maxBuffer: 1 << 24 });
      expect(r.status).toBe(0);
      expect(r.stderr.toString()).toBe('');
      return darkPixels(r.stdout);
    });
    for (const n of ink) expect(n).toBeGreaterThan(ink[0]! * 0.8);
    for (const n of ink) expect(n).toBeLessThan(ink[0]! * 1.2);
  }, 60_000);

  it('a passcode notice too: one page per employee across the pieces', async () => {
    const issuance = issuanceWith(createPdfRenderer({ pagesPerPiece: 2 }));
    const ids = addEmployees(5);
    const issue = await issuance.prepare({ kind: 'passcode', mode: 'bulk', ids });
    const pages = await pdfPagesText(issue.pdf);
    expect(pages).toHaveLength(5);
    pages.forEach((page, i) => expect(page).toContain(String(1000 + i)));
  }, 60_000);
});

describe('a notice drawn a piece at a time into one PDF', () => {
  it('looks exactly like the same notice laid out at once: every page the same pixels, the same text', async () => {
    const ctx = { companyName: '試験株式会社', portalUrl: 'http://192.168.1.10:8080/', kioskUrl: 'http://192.168.1.10:8080/kiosk', issuedAt: '2026/11/30 09:00' };
    const page = (i: number) => passwordNoticePage(ctx, {
      name: `${i % 2 ? '髙﨑' : '弥生'} ${i}郎`, code: String(1000 + i), department: i % 3 ? '本社' : '', loginId: `emp${i}`, password: `Pw${i}x7kQ`,
    });
    const inPieces = await renderInPieces(7, page, 'title', { pagesPerPiece: 3 });
    const atOnce = await renderPdf(noticeDocument(Array.from({ length: 7 }, (_, i) => page(i)), 'title'));
    const a = path.join(t.dataDir, 'pieces.pdf');
    const b = path.join(t.dataDir, 'once.pdf');
    writeFileSync(a, inPieces);
    writeFileSync(b, atOnce);
    expect(execFileSync('pdftotext', ['-layout', a, '-'], { encoding: 'utf8' })).toBe(execFileSync('pdftotext', ['-layout', b, '-'], { encoding: 'utf8' }));
    const tops: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const pixels = (file: string) => execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(i), '-l', String(i), file], { maxBuffer: 1 << 24 });
      expect(pixels(a).equals(pixels(b)), `page ${i}`).toBe(true);
      tops.push(firstInkRow(pixels(a)));
    }
    // and every notice starts at the top of its page, the first as the others
    expect(new Set(tops).size).toBe(1);
  }, 60_000);
});

describe('a render worker that dies mid-render', () => {
  it('is a Japanese refusal while the hashing still runs: nothing stored, no unhandled rejection, the next issue works', async () => {
    let kill = false;
    let hashedAtKill = -1;
    let hashed = 0;
    t.app.events.subscribe((m) => {
      if (m.event === 'issueProgress') hashed = (m.payload as { done: number }).done;
    });
    const renderer: PdfRenderer = createPdfRenderer({
      pagesPerPiece: 1,
      onPiece: () => {
        if (!kill) return;
        kill = false;
        hashedAtKill = hashed;
        void renderer.close(); // the thread is terminated after its first page, as an out-of-memory abort would end it
      },
    });
    const issuance = issuanceWith(renderer);
    const ids = addEmployees(101);
    // the worker started and warm: the kill lands a page into the big issue
    await issuance.deliver((await issuance.prepare({ kind: 'password', mode: 'individual', ids: [ids[0]!] })).id, async () => 'delivered');

    kill = true;
    const rest = ids.slice(1);
    await expect(issuance.prepare({ kind: 'password', mode: 'bulk', ids: rest })).rejects.toThrow(ja.issue.renderFailed);
    expect(hashedAtKill).toBeGreaterThanOrEqual(0);
    expect(hashedAtKill).toBeLessThan(rest.length); // it died while hashing ran
    for (const id of rest) expect(hashOf(id)).toBeNull();
    expect(t.app.db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 0 });

    // a new worker takes the next issue
    const again = await issuance.prepare({ kind: 'password', mode: 'bulk', ids: rest.slice(0, 3) });
    expect(await pdfPagesText(again.pdf)).toHaveLength(3);
  }, 120_000);
});

describe('a hashing worker that dies mid-batch', () => {
  it('is a Japanese refusal: nothing stored, no unhandled rejection, the next issue works', async () => {
    const hasher = createBulkHasher();
    const issuance = issuanceWith(createPdfRenderer(), hasher);
    let hashedAtKill = -1;
    t.app.events.subscribe((m) => {
      const { done } = m.payload as { done: number };
      // the threads end after their first call's hashes, as an out-of-memory abort would end them
      if (m.event === 'issueProgress' && done > 0 && hashedAtKill < 0) {
        hashedAtKill = done;
        void hasher.close();
      }
    });
    const ids = addEmployees(100);
    await expect(issuance.prepare({ kind: 'passcode', mode: 'bulk', ids })).rejects.toThrow(ja.issue.renderFailed);
    expect(hashedAtKill).toBeLessThan(ids.length); // killed while hashing ran
    expect(t.app.db.prepare('SELECT count(*) AS n FROM employees WHERE passcode_hash IS NOT NULL').get()).toEqual({ n: 0 });
    expect(t.app.db.prepare('SELECT count(*) AS n FROM pending_secrets').get()).toEqual({ n: 0 });

    // new threads take the next issue
    hashedAtKill = 0;
    const again = await issuance.prepare({ kind: 'passcode', mode: 'bulk', ids: ids.slice(0, 3) });
    expect(await pdfPagesText(again.pdf)).toHaveLength(3);
  }, 120_000);
});

/** The first row of a binary PGM (P5) image with a pixel darker than mid-grey. */
function firstInkRow(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const dark = pgm.subarray(header[0].length).findIndex((v) => v < 128);
  return Math.floor(dark / width);
}

/** Pixels darker than mid-grey in a binary PGM (P5) image. */
function darkPixels(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  let n = 0;
  for (let i = header[0].length; i < pgm.length; i++) if (pgm[i]! < 128) n++;
  return n;
}
