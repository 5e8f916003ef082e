import { useEffect, useState } from 'react';
import type { SmtpSettingsView } from '../../../preload/contract';
import { ja } from '../../../preload/i18n/ja';
import { describeError } from '../../api/describe-error';
import { adminApi } from '../../api/session-guard';
import { BounceSettingsForm } from './BounceSettingsForm';
import { SmtpForm } from './SmtpForm';
import { SmtpTestForm } from './SmtpTestForm';

/** 基本設定 › メール送信: the SMTP server the mails go through, and 「テスト送信」. */
export function SmtpSettingsScreen() {
  const [view, setView] = useState<SmtpSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    adminApi['smtp.get'](undefined).then(
      (v) => current && setView(v),
      (e: unknown) => current && setLoadError(describeError(e).message),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="screen settings-screen" aria-labelledby="smtp-title">
      <div className="screen-header">
        <p className="breadcrumb">{ja.menu.basicSettings} {ja.menu.separator}</p>
        <h1 id="smtp-title" className="screen-title">{ja.smtp.title}</h1>
      </div>
      {loadError && <p role="alert" className="notice notice-error">{loadError}</p>}
      {!view && !loadError && <p className="app-loading-inline">{ja.app.loading}</p>}
      {view && (
        <div className="settings-stack">
          {/* The stored settings do not apply in this run: say so before anything else. */}
          {view.overriddenBy !== null && (
            <p className="smtp-override">{view.demoMailbox ? ja.smtp.demoMailbox : ja.smtp.overridden(view.overriddenBy)}</p>
          )}
          <SmtpForm view={view} onSaved={setView} />
          <SmtpTestForm authMethod={view.overriddenBy === null ? view.authMethod : 'password'} />
          <BounceSettingsForm />
        </div>
      )}
    </section>
  );
}
