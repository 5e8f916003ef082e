/**
 * The printed notices as pdfmake document definitions: one A4 page per employee. Pure
 * data in, pure data out, so the layout is testable without rendering.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { ja } from '../../../preload/i18n/ja';
import { PASSWORD_DIGITS, PASSWORD_LETTERS } from '../credentials/password-generator';

/** code and department: printed at the top of every notice so that a stack of printouts can be sorted */
export interface PasswordNotice { name: string; code: string; department: string; loginId: string; password: string }
export interface PasscodeNotice { name: string; code: string; department: string; loginId: string; passcode: string }
/** an administrator's initial password; `adminUrl` null in the desktop app (its own window) */
export interface AdminPasswordNotice { name: string; loginId: string; password: string; adminUrl: string | null }
export interface NoticeContext { companyName: string; portalUrl: string; kioskUrl: string; issuedAt: string }

const n = ja.notice;

/** The legend's characters spaced out so each one can be told apart. */
const spaced = (s: string) => [...s].join(' ');

/** 社員コード and 所属 at the top left, where a hand leafing through a stack looks (empty ones left out). */
function identity(e: { code: string; department: string }): Content {
  const rows: Content[][] = [];
  if (e.code) rows.push([{ text: n.employeeCode, color: '#555555' }, { text: e.code, font: 'Mono' }]);
  if (e.department) rows.push([{ text: n.department, color: '#555555' }, { text: e.department }]);
  if (rows.length === 0) return { text: '' };
  return { table: { widths: ['auto', '*'], body: rows }, layout: 'noBorders', fontSize: 10 };
}

function header(ctx: NoticeContext, e: { name: string; code: string; department: string }, title: string): Content[] {
  return [
    {
      columns: [
        { width: '*', stack: [identity(e)] },
        {
          width: 'auto',
          stack: [
            { text: ctx.companyName, alignment: 'right', fontSize: 10, color: '#444444' },
            { text: `${n.issuedAt}: ${ctx.issuedAt}`, alignment: 'right', fontSize: 9, color: '#666666', margin: [0, 2, 0, 0] },
          ],
        },
      ],
      columnGap: 16,
      margin: [0, 0, 0, 24],
    },
    { text: n.salutation(e.name), fontSize: 18, margin: [0, 0, 0, 18] },
    { text: title, fontSize: 22, bold: true, alignment: 'center', margin: [0, 0, 0, 28] },
  ];
}

/**
 * Values in the fixed-width font, secrets a little wider apart. Only 2pt: from 3pt on, PDF
 * readers turn the gaps into spaces when the text is copied, and a pasted password would break.
 */
function credentialTable(rows: [label: string, value: string, secret?: boolean][]): Content {
  return {
    table: {
      widths: [110, '*'],
      body: rows.map(([label, value, secret]) => [
        { text: label, fontSize: 13, fillColor: '#eef2f7', margin: [8, 10, 8, 10] },
        { text: value, font: 'Mono', fontSize: 20, characterSpacing: secret ? 2 : 1, margin: [10, 6, 8, 6] },
      ]),
    },
    layout: { hLineColor: () => '#8899aa', vLineColor: () => '#8899aa' },
    margin: [0, 0, 0, 24],
  };
}

function footer(lines: string[]): Content {
  return { ul: lines, fontSize: 10, color: '#333333', margin: [0, 16, 0, 0] };
}

/** 「使用文字列」: the characters a password is drawn from, spaced out */
function legendTable(): Content {
  return {
    table: {
      widths: ['auto', '*'],
      body: [
        [{ text: n.charactersUsed, colSpan: 2, bold: true, fontSize: 11 }, {}],
        [{ text: n.letters, fontSize: 11 }, { text: spaced(PASSWORD_LETTERS), font: 'Mono', fontSize: 13 }],
        [{ text: n.digits, fontSize: 11 }, { text: spaced(PASSWORD_DIGITS), font: 'Mono', fontSize: 13 }],
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 20],
  };
}

export function passwordNoticePage(ctx: NoticeContext, e: PasswordNotice): Content[] {
  return [
    ...header(ctx, e, n.passwordTitle),
    credentialTable([[n.loginId, e.loginId], [n.password, e.password, true]]),
    legendTable(),
    { text: n.portalLead, fontSize: 11 },
    { text: ctx.portalUrl, font: 'Mono', fontSize: 12, margin: [0, 4, 0, 0] },
    footer([n.firstLoginNote, n.keepSecret]),
  ];
}

export function passcodeNoticePage(ctx: NoticeContext, e: PasscodeNotice): Content[] {
  return [
    ...header(ctx, e, n.passcodeTitle),
    credentialTable([
      ...(e.code ? [[n.employeeCode, e.code] as [string, string]] : []),
      [n.loginId, e.loginId],
      [n.passcode, e.passcode, true],
    ]),
    { text: n.kioskLead, fontSize: 11 },
    { text: ctx.kioskUrl, font: 'Mono', fontSize: 12, margin: [0, 4, 0, 0] },
    footer([n.keepSecret]),
  ];
}

/** An administrator's initial password: the same layout as an employee's, pointing to the admin screens. */
export function adminPasswordNoticePage(ctx: NoticeContext, a: AdminPasswordNotice): Content[] {
  return [
    ...header(ctx, { name: a.name, code: '', department: '' }, n.adminPasswordTitle),
    credentialTable([[n.loginId, a.loginId], [n.password, a.password, true]]),
    legendTable(),
    { text: a.adminUrl ? n.adminLead : n.adminLeadDesktop, fontSize: 11 },
    ...(a.adminUrl ? [{ text: a.adminUrl, font: 'Mono', fontSize: 12, margin: [0, 4, 0, 0] } satisfies Content] : []),
    footer([n.adminFirstLoginNote, n.keepSecret]),
  ];
}

/**
 * One document, one A4 page per notice. Each notice after the first starts its page with the break
 * itself, so every page begins at the same height (an empty line before the break would start
 * every page but the first a line lower).
 */
export function noticeDocument(pages: Content[][], title: string): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title, creator: ja.app.productName, producer: ja.app.productName },
    defaultStyle: { font: 'Text', fontSize: 11, lineHeight: 1.3 },
    content: pages.map((page, i): Content => (i === 0 ? { stack: page } : { stack: page, pageBreak: 'before' })),
  };
}
