import { useEffect } from 'react';
import { adminApi } from '../../api/session-guard';
import { useNavigationStore } from '../../stores/navigation-store';
import { useSessionStore } from '../../stores/session-store';
import { FlashMessage } from '../../ui/FlashMessage';
import { EmployeeFormScreen } from '../employee-form/EmployeeFormScreen';
import { EmployeeGridScreen } from '../employee-grid/EmployeeGridScreen';
import { FileIoScreen } from '../file-io/FileIoScreen';
import { AccountSettingsScreen } from '../settings/AccountSettingsScreen';
import { BulkMailJobScreen } from '../bulk-mail/BulkMailJobScreen';
import { BulkMailScreen } from '../bulk-mail/BulkMailScreen';
import { DemoMailboxScreen } from '../demo-mailbox/DemoMailboxScreen';
import { MailIssueScreen } from '../mail-issue/MailIssueScreen';
import { SmtpSettingsScreen } from '../smtp-settings/SmtpSettingsScreen';
import { AuditLogScreen } from '../audit-log/AuditLogScreen';
import { BackupScreen } from '../backup/BackupScreen';
import { PasswordBulkIssueScreen } from '../pdf-issue/PasswordBulkIssueScreen';
import { PdfIssueScreen } from '../pdf-issue/PdfIssueScreen';
import { AdministratorsScreen } from '../administrators/AdministratorsScreen';
import { useAppInfoStore } from '../../stores/app-info-store';
import { AdminHeader } from './AdminHeader';
import { AdminNav } from './AdminNav';
import { endedByIdleness, useIdleLogout } from './use-idle-logout';

/** The logged-in window: header, 管理者メニュー, and the current screen. */
export function AdminLayout() {
  const screen = useNavigationStore((s) => s.screen);
  const reloadSession = useSessionStore((s) => s.load);
  useIdleLogout();

  // 法人名 in the header follows the settings, whoever changed them.
  useEffect(() => adminApi.on('settingsChanged', () => void reloadSession()), [reloadSession]);
  // Thrown out at once: this session ended (the account disabled or removed by the 法人管理者, a logout elsewhere).
  useEffect(() => adminApi.on('sessionEnded', () => {
    const session = useSessionStore.getState();
    if (endedByIdleness()) void session.idleLogout();
    else session.expire();
  }), []);
  useEffect(() => adminApi.on('administratorsChanged', () => void useSessionStore.getState().recheck()), []);
  // Desktop or browser decides 「印刷」 and how notices are delivered: asked once, kept.
  useEffect(() => {
    useAppInfoStore.getState().ensure().catch(() => undefined);
  }, []);

  return (
    <div className="app">
      <AdminHeader />
      <div className="app-body">
        <AdminNav />
        <main className="app-main">
          <FlashMessage />
          {screen.name === 'employees' && <EmployeeGridScreen />}
          {screen.name === 'employeeCreate' && <EmployeeFormScreen key="create" employeeId={null} />}
          {screen.name === 'employeeEdit' && <EmployeeFormScreen key={screen.employeeId} employeeId={screen.employeeId} />}
          {screen.name === 'accountSettings' && <AccountSettingsScreen />}
          {screen.name === 'pdfIssue' && (
            <PdfIssueScreen key={`${screen.kind}/${screen.employeeId}`} kind={screen.kind} employeeId={screen.employeeId} reissue={screen.reissue} />
          )}
          {screen.name === 'passwordBulkIssue' && <PasswordBulkIssueScreen rows={screen.rows} />}
          {screen.name === 'mailIssue' && <MailIssueScreen key={screen.employeeId} employeeId={screen.employeeId} />}
          {screen.name === 'mailBulkIssue' && <BulkMailScreen employeeIds={screen.employeeIds} />}
          {screen.name === 'mailBulkJob' && <BulkMailJobScreen key={screen.jobId} jobId={screen.jobId} />}
          {screen.name === 'smtpSettings' && <SmtpSettingsScreen />}
          {screen.name === 'demoMailbox' && <DemoMailboxScreen />}
          {screen.name === 'fileIo' && <FileIoScreen />}
          {screen.name === 'backup' && <BackupScreen />}
          {screen.name === 'auditLog' && <AuditLogScreen />}
          {screen.name === 'administrators' && <AdministratorsScreen />}
        </main>
      </div>
    </div>
  );
}
