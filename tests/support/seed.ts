import { composeApp, type App } from '../../main/composition';
import { insertEmployee } from '../../db/queries/employees';
import { silentLogger } from '../../main/services/support/logger';

export const SEED_ADMIN = { loginId: 'admin', password: 'correct horse 12' } as const;

/**
 * A data folder as an office would have it after a while: set up, with `count` employees
 * (codes 1001…, every third without a mail address). Written with the real services.
 */
export async function seedDataDir(dataDir: string, count: number, then?: (app: App) => Promise<void>): Promise<void> {
  const app = composeApp({ dataDir, logger: silentLogger });
  try {
    await app.auth.setup({ companyName: '試験株式会社', adminLastName: '法人管理者', ...SEED_ADMIN });
    const now = app.clock.now();
    app.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        insertEmployee(app.db, {
          loginId: `emp${String(i + 1).padStart(3, '0')}`, code: String(1001 + i), honorific: '',
          lastName: ['佐藤', '鈴木', '高橋', '田中', '伊藤'][i % 5]!, firstName: `${i + 1}郎`,
          department: i % 2 === 0 ? '本社' : '大阪支店',
          email1: i % 3 === 2 ? null : `emp${i + 1}@example.co.jp`, email2: null, email3: null, recorderEnabled: true,
        }, now);
      }
    })();
    await then?.(app);
  } finally {
    await app.close();
  }
}
