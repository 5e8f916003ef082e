import type { Database } from 'better-sqlite3';
import * as m001 from './001-initial';
import * as m002 from './002-mail-and-portal';
import * as m003 from './003-punches';
import * as m004 from './004-bulk-mail';
import * as m005 from './005-grid-indexes';
import * as m006 from './006-audit-log';
import * as m007 from './007-portal-tls';
import * as m008 from './008-guarded-writes';
import * as m009 from './009-smtp-oauth';
import * as m010 from './010-administrators';
import * as m011 from './011-mail-bounces';
import * as m012 from './012-grid-at-scale';
import * as m013 from './013-mail-jobs-stored';
import * as m014 from './014-job-bounce-index';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Every migration in order; a new one is appended with the next number, never edited. */
export const migrations: readonly Migration[] = [
  { version: 1, name: '001-initial', up: m001.up },
  { version: 2, name: '002-mail-and-portal', up: m002.up },
  { version: 3, name: '003-punches', up: m003.up },
  { version: 4, name: '004-bulk-mail', up: m004.up },
  { version: 5, name: '005-grid-indexes', up: m005.up },
  { version: 6, name: '006-audit-log', up: m006.up },
  { version: 7, name: '007-portal-tls', up: m007.up },
  { version: 8, name: '008-guarded-writes', up: m008.up },
  { version: 9, name: '009-smtp-oauth', up: m009.up },
  { version: 10, name: '010-administrators', up: m010.up },
  { version: 11, name: '011-mail-bounces', up: m011.up },
  { version: 12, name: '012-grid-at-scale', up: m012.up },
  { version: 13, name: '013-mail-jobs-stored', up: m013.up },
  { version: 14, name: '014-job-bounce-index', up: m014.up },
];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
