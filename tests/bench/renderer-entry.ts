/**
 * The renderer's 社員情報管理 grid with 10,000 employees in Chromium: the 1,000-row page painted
 * after choosing 「1000 件」, the frame times while its rows scroll by, and paging through every
 * row once; against, in the same run and the same browser, a plain static HTML page holding a
 * 1,000-row table of the same columns (its first paint and its scroll frame times).
 *
 * It measures the renderer built from the current sources (dist/renderer, built here).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { composeApp } from '../../main/composition';
import { silentLogger } from '../../main/services/support/logger';
import { PASSWORD_STATUSES } from '../../preload/domain-types';
import { ja } from '../../preload/i18n/ja';
import { CHROMIUM_ARGS, findChromium } from '../support/find-chromium';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { makeTempDir } from '../support/temp-dir';
import { buildRenderer } from './build-renderer';
import { seedLarge } from './seed-large';
import type { BenchRow } from './table';

const ADMIN = { loginId: 'admin', password: 'bench password 1' };
const PAGE_ROWS = 1000;
const SCROLL_MS = 2000;
const VIEWPORT = { width: 1366, height: 900 };

const percentile = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/**
 * In the page, as plain JavaScript (page functions compiled by tsx would carry its helpers):
 * `frame()` resolves once the frame after now has been painted (a requestAnimationFrame, then
 * the task after it); `scroll` moves a scroll container from top to bottom over `duration` ms,
 * one step a frame, and returns the gaps between frames.
 */
const PAGE_HELPERS = `
window.__bench = (() => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const range = () => (document.querySelector('.paging-range') || {}).textContent || '';
  const until = (test, what) => new Promise((resolve, reject) => {
    if (test()) return resolve();
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('bench: no ' + what + ' after 60 s, the page shows ' + range())); }, 60000);
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return {
    frame,
    /** From the next change event (the page-size select) until the range reads from…-to… and is painted. */
    armChange(expected) {
      window.__bench.changed = new Promise((resolve, reject) => {
        document.addEventListener('change', () => {
          const t0 = performance.now();
          until(() => range().startsWith(expected), expected).then(frame).then(() => resolve(performance.now() - t0), reject);
        }, { capture: true, once: true });
      });
    },
    /** 「次へ」, until the range starts at the next page's first row and is painted. */
    async next(expected) {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === '次へ');
      if (!button || button.disabled) throw new Error('bench: no 次へ at ' + range());
      const t0 = performance.now();
      button.click();
      await until(() => range().startsWith(expected), expected);
      await frame();
      return performance.now() - t0;
    },
    async scroll(selector, duration) {
      const el = document.querySelector(selector);
      if (!el) throw new Error('bench: no ' + selector);
      el.scrollTop = 0;
      await frame();
      await frame();
      const gaps = [];
      let domRows = 0;
      await new Promise((resolve) => {
        let start = null;
        let last = null;
        let done = false;
        const step = (t) => {
          if (last !== null) gaps.push(t - last);
          last = t;
          domRows = Math.max(domRows, el.querySelectorAll('tbody tr').length);
          if (done) return resolve();
          if (start === null) start = t;
          const progress = Math.min(1, (t - start) / duration);
          el.scrollTop = progress * (el.scrollHeight - el.clientHeight);
          // one more frame after the last step, so that its work is counted too
          if (progress >= 1) done = true;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      const bottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      return { gaps, domRows, bottom, scrollHeight: el.scrollHeight };
    },
  };
})();
`;

interface ScrollResult { gaps: number[]; domRows: number; bottom: boolean; scrollHeight: number }

/** The 1,000-row table the grid shows, as one static page: same columns, same words, no script but the clock. */
function staticTablePage(run: number): string {
  const c = ja.grid.columns;
  const st = ja.status;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows: string[] = [];
  for (let i = 0; i < PAGE_ROWS; i++) {
    const name = `${['佐藤', '鈴木', '高橋', '田中', '伊藤'][i % 5]} ${i}`;
    const password = st.password[PASSWORD_STATUSES[i % 4]!];
    rows.push(`<tr><td class="sel"><input type="checkbox" aria-label="${esc(name)} を選択"></td>`
      + `<td>${i % 10 !== 0 ? st.recorder.true : st.recorder.false}</td><td>${['本社', '大阪支店', '名古屋支店'][i % 3]}</td>`
      + `<td>${100000 + i}</td><td><button type="button" class="link">${esc(name)}</button></td><td>u${i}</td>`
      + `<td>${password}</td><td>${i % 2 ? st.passcode.issued : st.passcode.unissued}</td></tr>`);
  }
  const head = [c.recorder, c.department, c.code, c.name, c.loginId, c.password, c.passcode].map((h) => `<th><button type="button" class="link">${h}</button></th>`).join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>baseline ${run}</title>
<script>window.__t0 = performance.now();</script>
<style>
body { margin: 0; padding: 200px 20px 0; font: 14px/1.5 sans-serif; }
.table-scroll { max-height: calc(100vh - 250px); overflow: auto; border: 1px solid #ccd; }
table { width: 100%; border-collapse: separate; border-spacing: 0; }
th, td { padding: 6px 10px; border-bottom: 1px solid #ccd; text-align: left; white-space: nowrap; }
thead th { position: sticky; top: 0; z-index: 1; background: #e9eef5; font-size: 13px; }
tbody tr:nth-child(even) { background: #f6f8fb; }
.sel { width: 36px; text-align: center; }
.link { padding: 0; border: 0; background: none; color: #1a5fb4; font: inherit; text-decoration: underline; }
</style></head><body>
<div class="table-scroll"><table aria-label="baseline"><thead><tr><th class="sel"><input type="checkbox"></th>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
<script>requestAnimationFrame(() => setTimeout(() => { window.__painted = performance.now() - window.__t0; }, 0));</script>
</body></html>`;
}

async function baseline(browser: Browser): Promise<{ paintMs: number; scroll: ScrollResult }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    // twice, keeping the second: the first pays for the browser's cold start (fonts above all),
    // which the grid has paid on its login and its first 100 rows before it is measured
    let paintMs = NaN;
    for (let run = 0; run < 2; run++) {
      await page.setContent(staticTablePage(run));
      await page.waitForFunction('window.__painted !== undefined');
      paintMs = await page.evaluate('window.__painted') as number;
    }
    await page.evaluate(PAGE_HELPERS);
    const scroll = await page.evaluate(`window.__bench.scroll('.table-scroll', ${SCROLL_MS})`) as ScrollResult;
    return { paintMs, scroll };
  } finally {
    await context.close();
  }
}

async function logIn(page: Page, server: HeadlessProcess): Promise<void> {
  await page.goto(server.adminUrl);
  await page.getByLabel(ja.login.loginId).fill(ADMIN.loginId);
  await page.getByLabel(ja.login.password).fill(ADMIN.password);
  await page.getByRole('button', { name: ja.login.submit }).click();
  await page.getByRole('heading', { name: ja.grid.title }).waitFor();
}

export async function rendererEntry(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 2_000 : 10_000;
  buildRenderer();

  const tmp = makeTempDir('focusu-bench-renderer-');
  let server: HeadlessProcess | undefined;
  let browser: Browser | undefined;
  try {
    const seed = composeApp({ dataDir: tmp.dir, logger: silentLogger });
    await seed.auth.setup({ companyName: 'ベンチ株式会社', adminLastName: '管理者', ...ADMIN });
    seedLarge(seed.db, n, seed.clock.now());
    await seed.close();
    const total = n + 1; // the 法人管理者 is in the grid too

    server = await startHeadless(['--data-dir', tmp.dir, '--port', '0', '--portal-host', '127.0.0.1', '--portal-port', '0']);
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

    const base = await baseline(browser);

    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await logIn(page, server);
    await page.getByText(ja.grid.range(1, Math.min(100, total), total)).waitFor();
    await page.evaluate(PAGE_HELPERS);

    // (a) 「1000 件」: from the change until the 1,000-row page is painted
    await page.evaluate(`window.__bench.armChange(${JSON.stringify(`1 - ${PAGE_ROWS}人`)})`);
    await page.getByLabel(ja.grid.pageSizeLabel).selectOption(String(PAGE_ROWS));
    const paintMs = await page.evaluate('window.__bench.changed') as number;

    // (b) the frames while the 1,000 rows scroll by
    const scroll = await page.evaluate(`window.__bench.scroll('.table-scroll', ${SCROLL_MS})`) as ScrollResult;
    if (!scroll.bottom) throw new Error('bench: the grid did not scroll to its bottom');

    // (c) 「次へ」 until every row has been loaded once
    const pageTimes: number[] = [];
    for (let from = PAGE_ROWS + 1; from <= total; from += PAGE_ROWS) {
      pageTimes.push(await page.evaluate(`window.__bench.next(${JSON.stringify(`${from} - `)})`) as number);
    }
    await context.close();

    const p95 = percentile(scroll.gaps, 0.95);
    const max = Math.max(...scroll.gaps);
    const baseP95 = percentile(base.scroll.gaps, 0.95);
    const baseMax = Math.max(...base.scroll.gaps);
    const pageP95 = percentile(pageTimes, 0.95);
    const label = `Renderer grid at ${n.toLocaleString('en')} in Chromium`;
    const staticPaint = `static 1,000-row table, first paint: ${ms(base.paintMs)}`;
    return [
      {
        entry: `${label}: 「1000 件」 chosen to the 1,000-row page painted`,
        figure: ms(paintMs), baseline: staticPaint, ratio: paintMs / base.paintMs, target: '< 500 ms', met: paintMs < 500,
      },
      {
        entry: `${label}: frame times scrolling the 1,000-row page top to bottom in ${SCROLL_MS / 1000} s (p95 / max, ${scroll.domRows} rows in the DOM at most)`,
        figure: `${ms(p95)} / ${ms(max)}`, baseline: `static 1,000-row table: ${ms(baseP95)} / ${ms(baseMax)}`,
        ratio: p95 / baseP95, target: 'p95 < 20 ms', met: p95 < 20,
      },
      {
        entry: `${label}: 「次へ」 through all ${pageTimes.length + 1} pages of 1,000 (per page to painted, p95)`,
        figure: ms(pageP95), baseline: staticPaint, ratio: pageP95 / base.paintMs, target: '< 500 ms', met: pageP95 < 500,
      },
    ];
  } finally {
    await browser?.close();
    await server?.stop();
    tmp.remove();
  }
}
