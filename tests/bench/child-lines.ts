import type { ChildProcess } from 'node:child_process';

/**
 * What a bench child prints, a line at a time: `next(word)` resolves with the rest of the next line
 * that starts with `word` (each line is taken once, so a child may print the same word again), or
 * fails once the child has exited without printing it.
 */
export function childLines(child: ChildProcess, name: string): { next(word: string): Promise<string> } {
  let out = '';
  const waiting: (() => void)[] = [];
  const wakeAll = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    wakeAll();
  });
  child.once('exit', wakeAll);
  return {
    async next(word) {
      for (;;) {
        const m = new RegExp(`^${word} (.*)\\n`, 'm').exec(out);
        if (m) {
          out = out.slice(m.index + m[0].length);
          return m[1]!;
        }
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bench: ${name} exited (${child.exitCode ?? child.signalCode}) before printing ${word}`);
        await new Promise<void>((wake) => waiting.push(wake));
      }
    },
  };
}
