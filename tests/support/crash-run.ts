import { spawn } from 'node:child_process';
import { ROOT } from './headless-process';

/**
 * Runs tests/support/crash-child.ts until it announces `checkpoint`, then kills it with SIGKILL.
 * Returns what it printed. Fails when the child finishes without reaching the point.
 */
export async function killAt(scenario: string, checkpoint: string, dataDir: string, smtpUrl: string, arg = ''): Promise<string> {
  // node itself with tsx's loader, not the tsx CLI: SIGKILL must hit the process doing the work
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/crash-child.ts', scenario, checkpoint, dataDir, smtpUrl, arg], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const point = checkpoint.split('#')[0]!;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no checkpoint ${checkpoint} within 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(`at ${point}\n`)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      } else if (out.includes('done\n')) {
        clearTimeout(timer);
        reject(new Error(`the child finished without reaching ${checkpoint}:\n${out}`));
      }
    });
  });
  await exited;
  return out;
}
