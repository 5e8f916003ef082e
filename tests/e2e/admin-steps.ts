import type { Page } from '@playwright/test';
import { expect, type Server } from './fixtures';

/** The grid's table, a row by 社員コード, and one of its cells (td.col-…). */
export const grid = (page: Page) => page.getByRole('table', { name: '社員情報管理' });
export const cell = (page: Page, code: string, column: string) =>
  grid(page).getByRole('row').filter({ has: page.locator('td.col-code', { hasText: new RegExp(`^${code}$`) }) }).locator(`td.col-${column}`);

/** The verification link and the password of a received mail's text. */
export const linkIn = (text: string) => /^(http:\/\/\S+\/verify\/\S+)$/m.exec(text)![1]!;
export const passwordIn = (text: string) => /^パスワード：(\S+)$/m.exec(text)![1]!;

/** The administrator's login, as a person does it; ends on the grid. */
export async function logIn(page: Page, server: Server, cred: { loginId: string; password: string }): Promise<void> {
  await page.goto(server.adminUrl);
  await page.getByLabel('ログインID').fill(cred.loginId);
  await page.getByLabel('パスワード').fill(cred.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await expect(page.getByRole('heading', { name: '社員情報管理' })).toBeVisible();
}

/** 基本設定›アカウント: 通知手段 メール, 「上記内容で設定」, back to the grid. */
export async function switchToMailMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'アカウント' }).click();
  await page.getByLabel('通知手段').selectOption('mail');
  await page.getByRole('button', { name: '上記内容で設定' }).click();
  await expect(page.getByRole('status')).toContainText('設定を保存しました。');
  await page.getByRole('button', { name: '社員情報管理' }).click();
}
