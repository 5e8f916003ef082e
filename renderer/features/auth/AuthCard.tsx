import type { ReactNode } from 'react';
import { ja } from '../../../preload/i18n/ja';

/** The centred card of the screens shown before login: product name, title, form. */
export function AuthCard({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main className="auth-card">
        <p className="auth-product">{ja.app.productName}</p>
        <h1 className="auth-title">{title}</h1>
        {lead && <p className="auth-lead">{lead}</p>}
        {children}
      </main>
    </div>
  );
}
