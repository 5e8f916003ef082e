/**
 * Names the notice's font cannot print: prepare() names the employees and the characters, so
 * the issue screen can warn before the notice is delivered; nothing is stored meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCompanyName } from '../../db/queries/settings';
import { makeTestApp, registerEmployee } from '../support/test-app';

let t: ReturnType<typeof makeTestApp>;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(async () => {
  await t.dispose();
});

describe('the prepared notice\'s warnings', () => {
  it('names the employees whose names have characters the font cannot print, and the characters', async () => {
    writeCompanyName(t.app.db, '株式会社フォーカス');
    const yoshio = registerEmployee(t.app, { loginId: 'yamada', lastName: '山田', firstName: '𠮷男' });
    const takahashi = registerEmployee(t.app, { loginId: 'takahashi', lastName: '髙橋', firstName: '一郎' });
    const emoji = registerEmployee(t.app, { loginId: 'smile', lastName: '笑顔', firstName: '😀子' });
    const issue = await t.app.issuance.prepare({ kind: 'password', mode: 'bulk', ids: [yoshio, takahashi, emoji] });
    expect(issue.preview.warnings).toEqual([
      { employeeId: yoshio, name: '山田 𠮷男', characters: ['𠮷'] },
      { employeeId: emoji, name: '笑顔 😀子', characters: ['😀'] },
    ]);
    expect(t.app.employees.get(yoshio)).toMatchObject({ password: 'unissued' });
  });

  it('warns about a 所属 the font cannot print, now that the notices print it', async () => {
    const id = registerEmployee(t.app, { loginId: 'sato', lastName: '佐藤', firstName: '花子', department: '😀営業部' });
    const both = registerEmployee(t.app, { loginId: 'yamada', lastName: '山田', firstName: '𠮷男', department: '総務\u200b部' });
    for (const kind of ['password', 'passcode'] as const) {
      const issue = await t.app.issuance.prepare({ kind, mode: 'bulk', ids: [id, both] });
      expect(issue.preview.warnings).toEqual([
        { employeeId: id, name: '佐藤 花子', characters: [], department: { text: '😀営業部', characters: ['😀'] } },
        { employeeId: both, name: '山田 𠮷男', characters: ['𠮷'], department: { text: '総務\u200b部', characters: ['\u200b'] } },
      ]);
    }
  });

  it('warns about the 法人名 too, and says nothing when every name prints', async () => {
    writeCompanyName(t.app.db, '😀商事');
    const id = registerEmployee(t.app, { loginId: 'sato', lastName: '山﨑', firstName: '花子' });
    const issue = await t.app.issuance.prepare({ kind: 'passcode', mode: 'individual', ids: [id] });
    expect(issue.preview.warnings).toEqual([{ employeeId: null, name: '😀商事', characters: ['😀'] }]);
    writeCompanyName(t.app.db, '株式会社フォーカス');
    expect((await t.app.issuance.prepare({ kind: 'password', mode: 'individual', ids: [id] })).preview.warnings).toEqual([]);
  });
});
