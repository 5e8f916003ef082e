import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * node itself with tsx's loader, not the tsx CLI (which runs node as a child of its own):
 * the child's pid is the server's, and SIGKILL hits the process that holds the data folder.
 */
const NODE_ARGS = ['--import', 'tsx', 'main/entry-headless.ts'];
const TSX_ENV = { TSX_TSCONFIG_PATH: 'tsconfig.node.json' };

/** How to start the server: from sources through tsx's loader (the default), or the built bundle (server-bundle.ts). */
export interface Launch { command: string[]; cwd: string; env: NodeJS.ProcessEnv }

const fromSources = (args: string[], env: NodeJS.ProcessEnv, root = ROOT): Launch => ({
  command: [process.execPath, ...NODE_ARGS, ...args], cwd: root, env: { ...process.env, ...TSX_ENV, ...env },
});

/** The ready lines: `admin: URL` / `portal: URL`, or their JSON form (`--log-format json`). */
function readyUrls(out: string): { admin: string; portal: string } | null {
  const admin = /^admin: (\S+)$/m.exec(out);
  const portal = /^portal: (\S+)$/m.exec(out);
  if (admin && portal) return { admin: admin[1]!, portal: portal[1]! };
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const j = JSON.parse(line) as { message?: string; admin?: string; portal?: string | null };
      if (j.message === 'ready' && j.admin) return { admin: j.admin, portal: j.portal ?? '-' };
    } catch {
      // a line cut in two by the pipe: the next chunk completes it
    }
  }
  return null;
}

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
 * The third argument: another copy of the project to run it from (a checkout without built
 * screens), or a whole other command line (the built server: server-bundle.ts).
 */
export function startHeadless(args: string[], env: NodeJS.ProcessEnv = {}, from: string | Launch = ROOT): Promise<HeadlessProcess> {
  const launch = typeof from === 'string' ? fromSources(args, env, from) : from;
  const child = spawn(launch.command[0]!, launch.command.slice(1), { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless did not start in time:\n${out}\n${err}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const ready = readyUrls(out);
      if (ready) {
        clearTimeout(timer);
        resolve({
          child, adminUrl: ready.admin, portalUrl: ready.portal, stdout: () => out, stderr: () => err,
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
export function runHeadlessToExit(args: string[], launch: Launch = fromSources(args, {})): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(launch.command[0]!, launch.command.slice(1), { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
