/**
 * Work sent to a worker thread (the CSV preview; support/worker-calls.ts): answers come back to
 * their calls, a refusal meant for the screen arrives as one with its Japanese message, and a
 * worker that dies fails only the calls under way — the next call starts a new worker. The CSV
 * preview on top of it: a worker that dies gives a Japanese message and stores no preview.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CsvService } from '../../main/services/csv-service';
import { AppError } from '../../main/services/support/errors';
import { workerCalls, type WorkerCalls } from '../../main/services/support/worker-calls';
import type { CsvPlanner, PlanReply } from '../../main/services/csv/csv-planner';
import { ja } from '../../preload/i18n/ja';
import { makeTestApp } from '../support/test-app';
import type { AnsweringRequest } from '../support/workers/answering-worker';
import { startAnsweringWorker } from '../support/workers/start-answering-worker';

const opened: WorkerCalls<unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});
function answering(): WorkerCalls<AnsweringRequest, string> {
  const calls = workerCalls<AnsweringRequest, string>(startAnsweringWorker);
  opened.push(calls as WorkerCalls<unknown, unknown>);
  return calls;
}

describe('calls into a worker thread', () => {
  it('answer each call with its own reply, many at once', async () => {
    const calls = answering();
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => calls.call({ say: `依頼${i}` })));
    expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => `依頼${i}、確かに`));
  });

  it('bring a refusal back as an AppError with its Japanese message, and anything else as an Error', async () => {
    const calls = answering();
    const refused = await calls.call({ refuse: '1行目: 姓を入力してください。' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'VALIDATION', message: '1行目: 姓を入力してください。' });
    const failed = await calls.call({ fail: 'boom' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(AppError);
    expect(await calls.call({ say: 'まだ' })).toBe('まだ、確かに');
  });

  it('fail the calls under way when the worker dies, and start a new worker for the next call', async () => {
    const calls = answering();
    const first = calls.call({ say: '先' });
    const dying = calls.call({ die: 3 });
    await expect(first).resolves.toBe('先、確かに');
    await expect(dying).rejects.toThrow(/exited \(3\)/);
    await expect(calls.call({ say: '次' })).resolves.toBe('次、確かに');
  });
});

describe('the CSV preview in its worker', () => {
  let t: ReturnType<typeof makeTestApp>;
  afterEach(async () => t.dispose());

  it('says in Japanese that no preview could be made when the worker dies; the next preview works', async () => {
    t = makeTestApp();
    const dies = answering();
    const planner: CsvPlanner = {
      plan: () => dies.call({ die: 9 }) as unknown as Promise<PlanReply>,
      take: () => dies.call({ die: 9 }) as unknown as Promise<null>,
      putBack: async () => undefined,
      close: () => dies.close(),
    };
    const csv = new CsvService({ db: t.app.db, clock: t.clock, events: t.app.events, logger: t.app.logger, planner });
    const file = Buffer.from('社員コード,姓,名,所属,メールアドレス1,メールアドレス2,メールアドレス3\r\n0001,佐藤,一郎,本社,,,\r\n');
    const refused = await csv.previewImport('pattern2', 'utf8', file).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'INTERNAL', message: ja.csv.previewFailed });
    // a worker that dies takes the rows of its previews with it: their import says so, and saves nothing
    const before = t.app.db.prepare('SELECT count(*) AS n FROM employees').get();
    await expect(csv.commitImport('a-preview-the-dead-worker-held')).rejects.toMatchObject({ code: 'NOT_FOUND', message: ja.csv.previewExpired });
    expect(t.app.db.prepare('SELECT count(*) AS n FROM employees').get()).toEqual(before);
    // and the real preview, in the app's own worker, still works afterwards
    const preview = await t.app.csv.previewImport('pattern2', 'utf8', file);
    expect(preview.counts).toMatchObject({ create: 1, errors: 0 });
  });
});
