import type { Database } from 'better-sqlite3';
import type { PortalListening, PortalReach, Settings } from '../../preload/contract';
import type { z } from 'zod';
import type { accountSettingsSchema, companySettingsSchema, portalSettingsSchema } from '../../preload/schemas';
import {
  readSettings, writeAccountSettings, writeCompanyName, writePortalSettings,
} from '../../db/queries/settings';
import type { EventBus } from './support/event-bus';
import type { PortalTls, PortalTlsInput } from './portal-tls';

export interface SettingsServiceDeps {
  db: Database;
  events: EventBus;
  /** Where the portal listens in this run, once it does. */
  portalRunningUrl: () => string | null;
  /** Whether employees can open the URL notices carry, and this machine's LAN addresses (main/net/lan-address.ts). */
  portalReach: () => PortalReach;
  /** The address and port in effect, and where each came from (the command line or the settings). */
  portalListening: () => PortalListening | null;
  tls: PortalTls;
  /** after a certificate is set or removed: starts a portal its certificate kept down */
  portalCertificateChanged?: () => Promise<void>;
}

/** 基本設定: 通知手段, 有効期間, 法人名 and the portal's address (SPEC §2). */
export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  get(): Settings {
    const s = readSettings(this.deps.db);
    return {
      companyName: s.companyName,
      notifyMethod: s.notifyMethod,
      verificationDays: s.verificationDays,
      requirePasswordChange: s.requirePasswordChange,
      portal: { listenHost: s.portalHost, port: s.portalPort, baseUrl: s.portalBaseUrl },
      portalRunningUrl: this.deps.portalRunningUrl(),
      portalListening: this.deps.portalListening(),
      portalTls: this.deps.tls.describe(),
      portalReach: this.deps.portalReach(),
    };
  }

  /** 「上記内容で設定」. Changing 通知手段 leaves work in flight alone: links keep working. */
  updateAccount(input: z.output<typeof accountSettingsSchema>): Settings {
    writeAccountSettings(this.deps.db, input);
    return this.changed(true);
  }

  updateCompany(input: z.output<typeof companySettingsSchema>): Settings {
    writeCompanyName(this.deps.db, input.companyName);
    return this.changed(false);
  }

  updatePortal(input: z.output<typeof portalSettingsSchema>): Settings {
    writePortalSettings(this.deps.db, input);
    return this.changed(false);
  }

  setPortalCertificate(input: PortalTlsInput): Settings {
    this.deps.tls.set(input);
    return this.changed(false);
  }

  removePortalCertificate(): Settings {
    this.deps.tls.remove();
    return this.changed(false);
  }

  /**
   * After 「証明書を設定」 or 「証明書を削除」: a portal that could not start for its certificate
   * starts now (one that runs keeps its certificate until the next start).
   */
  async applyPortalCertificate(): Promise<Settings> {
    await this.deps.portalCertificateChanged?.();
    return this.get();
  }

  private changed(gridAffected: boolean): Settings {
    this.deps.events.emit('settingsChanged', {});
    if (gridAffected) this.deps.events.emit('employeesChanged', { reason: 'settings' });
    return this.get();
  }
}
