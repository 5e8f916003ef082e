/**
 * The watched mailbox's news of new mail: news that comes while the watcher is busy (reading,
 * flagging) is kept for the watcher's next wait, not dropped — else a report arriving mid-check
 * waits for the next 10-minute recheck. Against a real dovecot, and the demo's own mailbox.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openImapMailbox } from '../../main/services/bounces/imap-mailbox';
import { DemoReportBox } from '../../main/services/mail/demo-reports';
import { ordinaryMail, postfixDsn } from '../support/bounce-fixtures';
import { IMAP_PASSWORD, IMAP_USER, startDovecot, type TestDovecot } from '../support/dovecot';

let imap: TestDovecot;

beforeEach(async () => {
  imap = await startDovecot();
});
afterEach(async () => {
  await imap?.close();
});

const open = () => openImapMailbox({
  host: imap.host, port: imap.port, security: 'none', user: IMAP_USER, auth: { password: IMAP_PASSWORD }, folder: 'INBOX', moveTo: '',
});

it('IMAP: new mail the server announces during a command is waiting for the next wait', async () => {
  imap.deliver(ordinaryMail());
  const box = await open();
  try {
    expect(box.idle).toBe(true);
    const [first] = await box.newUids(0, new Date(0));
    // a report arrives while the watcher works: the server tells of it in the answer to one of the
    // watcher's commands (dovecot looks at the folder again every few seconds), at the latest with
    // the answer to the first search that finds it
    imap.deliver(postfixDsn({ messageId: '<a@example.co.jp>', to: 'a@exmaple.co.jp' }));
    while ((await box.newUids(first!, new Date(0))).length === 0) continue;
    await box.markHandled([first!]);
    // the watcher had not yet asked to wait when the news came; 20 s is only a deadline against a hang
    expect(await box.waitForChange(20_000)).toBe('changed');
  } finally {
    await box.close();
  }
});

it('the demo mailbox: a report added while the watcher reads is waiting for the next wait', async () => {
  const demo = new DemoReportBox();
  const box = demo.open();
  expect(await box.newUids(0, new Date(0))).toEqual([]);
  demo.add(postfixDsn({ messageId: '<a@example.co.jp>', to: 'a@example.invalid' }));
  expect(await box.waitForChange(20_000)).toBe('changed');
  expect(await box.waitForChange(1)).toBe('timeout'); // told once
  await box.close();
  expect(await box.waitForChange(20_000)).toBe('closed');
});
