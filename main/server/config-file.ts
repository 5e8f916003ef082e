/**
 * `--config FILE`: the headless options as one JSON object, for a service that starts with the
 * machine. Its keys are the flags' names (`"admin-host": "192.168.1.20"`); a list may be given
 * as an array (`"admin-name": ["focus-u.example.lan"]`); a relative path is relative to the
 * file, so a config folder can be moved as a whole. Anything else — a key no flag has, a value
 * of the wrong kind — is refused naming the key, before anything starts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ja } from '../../preload/i18n/ja';

export class ConfigFileError extends Error {}

export function readConfigFile(file: string, keys: readonly string[], pathKeys: readonly string[]): Record<string, unknown> {
  const where = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(where, 'utf8');
  } catch {
    throw new ConfigFileError(ja.server.configUnreadable(where));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, '')); // Windows Notepad writes a BOM
  } catch {
    throw new ConfigFileError(ja.server.configNotJson(where));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigFileError(ja.server.configNotObject(where));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!keys.includes(key)) throw new ConfigFileError(ja.server.configUnknownKey(where, key));
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      throw new ConfigFileError(ja.server.configBadValue(where, key));
    }
    if (key === 'admin-name') out[key] = list.map(String);
    else if (Array.isArray(value)) throw new ConfigFileError(ja.server.configBadValue(where, key));
    else if (pathKeys.includes(key) && typeof value === 'string') out[key] = path.resolve(path.dirname(where), value);
    else out[key] = typeof value === 'number' ? String(value) : value;
  }
  return out;
}
