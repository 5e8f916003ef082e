/**
 * The bulk mail with OAuth 2.0 (XOAUTH2) against raw nodemailer with the same token, same run: the
 * scene (authorization server, XOAUTH2 SMTP server checking every login's token) in a process of
 * its own, both senders in another that trusts the scene's test CA (tests/bench/oauth-mail-child.ts).
 */
import { spawn } from 'node:child_process';
import { BULK_CONNECTIONS } from '../../main/services/bulk-mail-service';
import { ROOT } from '../support/headless-process';
import { childLines } from './child-lines';
import { seconds } from './measure';
import type { BenchRow } from './table';

const TSX = { TSX_TSCONFIG_PATH: 'tsconfig.node.json' };

export async function oauthMailEntry(quick: boolean): Promise<BenchRow[]> {
  const scene = spawn(process.execPath, ['--import', 'tsx', 'tests/support/oauth-scene-child.ts'], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...TSX },
  });
  try {
    const info = await childLines(scene, 'the OAuth scene').next('scene');
    const { caFile } = JSON.parse(info) as { caFile: string };
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/oauth-mail-child.ts', info, quick ? 'quick' : 'full'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...TSX, NODE_EXTRA_CA_CERTS: caFile },
    });
    const r = JSON.parse(await childLines(child, 'the OAuth mail bench').next('result')) as {
      n: number; productSeconds: number; rawSeconds: number; loopMaxMs: number; tokenRequestsDuringRuns: number; productRuns: number[]; rawRuns: number[];
    };
    if (process.env.BENCH_DEBUG) process.stderr.write(`oauth product ${r.productRuns.map((x) => x.toFixed(2))} raw ${r.rawRuns.map((x) => x.toFixed(2))}\n`);
    const productRate = r.n / r.productSeconds;
    const rawRate = r.n / r.rawSeconds;
    return [
      {
        entry: `Mail with OAuth 2.0 (XOAUTH2): ${r.n} verification mails (bulk job)`,
        figure: `${productRate.toFixed(0)} mails/s (${seconds(r.productSeconds)}), ${r.tokenRequestsDuringRuns} token requests in 5 runs`,
        baseline: `raw nodemailer pool of ${BULK_CONNECTIONS}, same token: ${rawRate.toFixed(0)} mails/s`,
        ratio: productRate / rawRate, target: '≥ 0.80×', met: productRate / rawRate >= 0.8,
      },
      {
        entry: 'Mail with OAuth 2.0: main event loop while sending',
        figure: `max ${r.loopMaxMs.toFixed(0)} ms`, baseline: '-', ratio: null, target: 'max ≤ 100 ms', met: r.loopMaxMs <= 100,
      },
    ];
  } finally {
    scene.stdin!.end();
  }
}
