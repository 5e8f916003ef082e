import type { AdminAuthService } from '../services/admin-auth-service';
import type { AuditService } from '../services/audit-service';
import { ja } from '../../preload/i18n/ja';
import { AUDIT_RULES } from './audit-policy';
import type { CallAudit } from './dispatcher';

type AnyRecord = Record<string, unknown>;

/** The dispatcher's 操作ログ hook: the targets are read before the call, the result after it. */
export function auditCalls(audit: AuditService, auth: AdminAuthService): CallAudit {
  return (method, input, ctx) => {
    const rule = AUDIT_RULES[method];
    if (!rule) return null;
    const fields = (input ?? {}) as AnyRecord;
    const before = rule.before ? audit.snapshot(rule.before(fields)) : [];
    // A login names the ID that was tried only when it is an administrator's (a password typed into
    // the ID field must leave no trace); the setup names the new administrator's ID (a valid one: the
    // schema checked it); the rest the session's administrator.
    const actorBefore = method === 'auth.login'
      ? auth.administratorLoginId(String(fields.loginId ?? '')) ?? ja.audit.unknownActor
      : method === 'auth.setup' ? String(fields.loginId ?? '') : auth.actorOf(ctx.sessionId);
    return (outcome) => {
      const result = outcome.ok ? (outcome.result as AnyRecord | null) : null;
      const after = rule.after && result ? audit.snapshot(rule.after(result)) : [];
      audit.record({
        actor: actorBefore ?? auth.actorOf(ctx.sessionId) ?? '-',
        action: rule.action,
        targets: [...before, ...after.filter((t) => !before.some((b) => b.id === t.id))],
        ok: outcome.ok,
        detail: outcome.ok ? rule.detail?.(fields, result) ?? '' : outcome.error.message,
      });
    };
  };
}
