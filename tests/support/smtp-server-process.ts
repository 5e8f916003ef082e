import { spawn } from 'node:child_process';
import { ROOT } from './headless-process';

/** Starts tests/support/smtp-server-child.ts; resolves with its URL and a way to stop it. */
export function startSmtpServerProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/smtp-server-child.ts'], {
    cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^url (\S+)$/m.exec(out);
      if (m) resolve({
        url: m[1]!,
        stop: () => new Promise((done) => {
          child.once('exit', () => done());
          child.stdin.end();
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`SMTP server process exited (${code})`)));
  });
}
