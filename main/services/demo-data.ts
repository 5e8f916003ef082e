import { randomInt } from 'node:crypto';
import { generatePassword } from './credentials/password-generator';
import type { Database } from 'better-sqlite3';
import { insertEmployee } from '../../db/queries/employees';
import { markSetupCompleted, writeCompanyName } from '../../db/queries/settings';
import type { EmployeeFields } from '../../preload/schemas';
import { hashSecret } from './support/secret-hasher';

export const DEMO_COMPANY = 'デモ株式会社';
export const DEMO_ADMIN_LOGIN_ID = 'admin';

/** The employees of the source document's screens: all 本社, タイムレコーダー 有効. */
const DEMO_EMPLOYEES: [code: string, last: string, first: string, login: string, emails: string[]][] = [
  ['0011', '弥生', '憲司', 'yayoi', ['kenji.yayoi@example.co.jp']],
  ['1011', '田所', '耕太郎', 'tadokoro.k', ['kotaro.tadokoro@example.co.jp', 'tadokoro.home@example.net']],
  ['1021', '原島', '謙', 'harashima', ['ken.harashima@example.co.jp']],
  ['1022', '小松', '太郎', 'komatsu', ['taro.komatsu@example.co.jp']],
  ['1042', '金沢', '恵美子', 'kanazawa', ['emiko.kanazawa@example.co.jp']],
  ['2000', '田畑', '正美', 'tabata', ['masami.tabata@example.co.jp']],
  ['2010', '田所', '正樹', 'tadokoro.m', ['masaki.tadokoro@example.co.jp']],
  ['2020', '高橋', '義男', 'takahashi', ['yoshio.takahashi@example.co.jp']],
  ['2030', '高野', '正樹', 'takano', ['masaki.takano@example.co.jp']],
  ['3001', '水野', 'はじめ', 'mizuno', []],
  ['3002', '和田', '隆', 'wada', ['takashi.wada@example.co.jp']],
  ['3003', '高木', '一', 'takagi', []],
];

export interface DemoCredentials { loginId: string; password: string }

/** Fills a fresh database with the demo company; returns the 法人管理者's login. */
export async function seedDemoData(db: Database, now: number): Promise<DemoCredentials> {
  const password = generatePassword(); // no look-alikes: it is read off the console and typed
  const [passwordHash, passcodeHash] = await Promise.all([
    hashSecret(password),
    hashSecret(String(randomInt(1000, 10000))),
  ]);
  db.transaction(() => {
    writeCompanyName(db, DEMO_COMPANY);
    insertEmployee(db, {
      ...blank, loginId: DEMO_ADMIN_LOGIN_ID, lastName: '法人管理者', isCompanyAdmin: true, passwordHash, passcodeHash,
      facts: { password: 'issued', issuedVia: 'setup', verifiedAt: null, linkSentAt: null, linkValidUntil: null },
    }, now);
    for (const [code, lastName, firstName, loginId, emails] of DEMO_EMPLOYEES) {
      insertEmployee(db, {
        ...blank, code, lastName, firstName, loginId, email1: emails[0] ?? null, email2: emails[1] ?? null,
      }, now);
    }
    markSetupCompleted(db, now);
  }).immediate();
  return { loginId: DEMO_ADMIN_LOGIN_ID, password };
}

const blank: EmployeeFields = {
  loginId: '', code: '', honorific: '', lastName: '', firstName: '', department: '本社',
  email1: null, email2: null, email3: null, recorderEnabled: true,
};
