import type { AdminAuthService } from '../services/admin-auth-service';
import type { AuditService } from '../services/audit-service';
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
    // the login names the ID that was tried (never the password); the rest the session's administrator
    const actorBefore = method === 'auth.login' || method === 'auth.setup' ? String(fields.loginId ?? '') : auth.actorOf(ctx.sessionId);
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
