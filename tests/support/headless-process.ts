import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * node itself with tsx's loader, not the tsx CLI (which runs node as a child of its own):
 * the child's pid is the server's, and SIGKILL hits the process that holds the data folder.
 */
const NODE_ARGS = ['--import', 'tsx', 'main/entry-headless.ts'];
const TSX_ENV = { TSX_TSCONFIG_PATH: 'tsconfig.node.json' };

export interface HeadlessProcess {
  child: ChildProcess;
  adminUrl: string;
  /** as printed: the portal's URL, or '-' when it did not start (a certificate that cannot be loaded) */
  portalUrl: string;
  stdout: () => string;
  stderr: () => string;
  /** the URL of a `portal: URL` line printed after `portal: -`, once the portal starts later */
  portalStarted(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `npm run serve`'s entry as a real child process and waits for its ready lines.
 * `root`: another copy of the project to run it from (a checkout without built screens).
 */
export function startHeadless(args: string[], env: NodeJS.ProcessEnv = {}, root = ROOT): Promise<HeadlessProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: root, env: { ...process.env, ...TSX_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless did not start in time:\n${out}\n${err}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const admin = /^admin: (\S+)$/m.exec(out);
      const portal = /^portal: (\S+)$/m.exec(out);
      if (admin && portal) {
        clearTimeout(timer);
        resolve({
          child, adminUrl: admin[1]!, portalUrl: portal[1]!, stdout: () => out, stderr: () => err,
          portalStarted: () => new Promise<string>((started, failed) => {
            const look = () => {
              const later = /^portal: (?!-$)(\S+)$/m.exec(out.slice(out.indexOf('portal: -\n') + 1));
              if (!later) return false;
              child.stdout!.off('data', look);
              started(later[1]!);
              return true;
            };
            if (out.includes('portal: -\n') && !look()) {
              child.stdout!.on('data', look);
              child.once('exit', (code) => failed(new Error(`headless exited with ${code} before the portal started`)));
            } else if (!out.includes('portal: -\n')) failed(new Error('the portal was running from the start'));
          }),
          stop: () => new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done(); // gone already (killed by the test)
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`headless exited with ${code}:\n${out}\n${err}`));
    });
  });
}

/** Runs the entry expecting it to fail: returns its exit code and what it printed. */
export function runHeadlessToExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT, env: { ...process.env, ...TSX_ENV }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.once('exit', (code) => {
    clearTimeout(killer);
    resolve({ code, stdout, stderr });
  }));
}
