import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './paths';

let version: string | undefined;

/** This product's version, from the package.json that ships beside the bundle (and in the project). */
export function productVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
