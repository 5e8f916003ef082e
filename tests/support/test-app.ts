import { composeApp, type App } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import type { EmployeeFieldsInput } from '../../preload/schemas';
import { createEmployeeSchema } from '../../preload/schemas';
import { FakeClock } from './fake-clock';
import { makeTempDir } from './temp-dir';

/** The real service graph on a real SQLite file in a temp folder, with a hand-moved clock. */
export function makeTestApp(): { app: App; clock: FakeClock; dataDir: string; dispose(): Promise<void> } {
  const tmp = makeTempDir();
  const clock = new FakeClock();
  const app = composeApp({ dataDir: tmp.dir, clock, logger: silentLogger });
  return {
    app, clock, dataDir: tmp.dir,
    async dispose() {
      await app.close();
      tmp.remove();
    },
  };
}

export function employeeInput(overrides: Partial<EmployeeFieldsInput> = {}) {
  return createEmployeeSchema.parse({
    loginId: 'tanaka', code: '', honorific: '', lastName: '田中', firstName: '太郎', department: '本社',
    email1: '', email2: '', email3: '', recorderEnabled: true, ...overrides,
  });
}

/** Registers an employee as the form would with the duplicate warnings accepted; its id. */
export function registerEmployee(app: App, overrides: Partial<EmployeeFieldsInput> = {}): number {
  const { acceptDuplicateWarnings: _, ...fields } = employeeInput(overrides);
  const r = app.employees.create(fields, true);
  if (r.status !== 'saved') throw new Error('not saved');
  return r.employee.id;
}
