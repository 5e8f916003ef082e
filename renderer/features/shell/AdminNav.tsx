import { ja } from '../../../preload/i18n/ja';
import { useAppInfoStore } from '../../stores/app-info-store';
import { useSessionStore } from '../../stores/session-store';
import { useNavigationStore, type Screen } from '../../stores/navigation-store';

type MenuEntry = 'employees' | 'account' | 'smtp' | 'backup' | 'administrators' | 'auditLog' | 'demoMailbox';

/** Which menu entry a screen belongs to (the employee form and issue screens belong to 社員情報管理). */
function menuEntryOf(screen: Screen): MenuEntry {
  switch (screen.name) {
    case 'accountSettings':
      return 'account';
    case 'smtpSettings':
      return 'smtp';
    case 'backup':
      return 'backup';
    case 'administrators':
      return 'administrators';
    case 'auditLog':
      return 'auditLog';
    case 'demoMailbox':
      return 'demoMailbox';
    default:
      return 'employees';
  }
}

export function AdminNav() {
  const screen = useNavigationStore((s) => s.screen);
  const goTo = useNavigationStore((s) => s.goTo);
  // Demo mode only: the built-in mailbox the newcomer follows the verification link from.
  const demoMailbox = useAppInfoStore((s) => s.info?.demoMailbox ?? false);
  const canManageAdministrators = useSessionStore((s) => s.canManageAdministrators);
  const active = menuEntryOf(screen);
  const current = (entry: MenuEntry) => (active === entry ? 'page' : undefined);

  const subItem = (entry: MenuEntry, label: string, target: Screen) => (
    <li>
      <button type="button" className="nav-item nav-subitem" aria-current={current(entry)} onClick={() => goTo(target)}>
        <span aria-hidden="true" className="nav-separator">{ja.menu.separator}</span>
        {label}
      </button>
    </li>
  );

  return (
    <nav className="admin-nav" aria-labelledby="admin-nav-title">
      <h2 id="admin-nav-title" className="admin-nav-title">{ja.app.adminMenu}</h2>
      <ul className="admin-nav-list">
        <li>
          <button type="button" className="nav-item" aria-current={current('employees')} onClick={() => goTo({ name: 'employees' })}>
            {ja.menu.employees}
          </button>
        </li>
        <li>
          <span className="nav-group">{ja.menu.basicSettings}</span>
          <ul className="admin-nav-sublist">
            {subItem('account', ja.menu.account, { name: 'accountSettings' })}
            {subItem('smtp', ja.menu.smtp, { name: 'smtpSettings' })}
            {subItem('backup', ja.menu.backup, { name: 'backup' })}
            {canManageAdministrators && subItem('administrators', ja.menu.administrators, { name: 'administrators' })}
          </ul>
        </li>
        <li>
          <button type="button" className="nav-item" aria-current={current('auditLog')} onClick={() => goTo({ name: 'auditLog' })}>
            {ja.menu.auditLog}
          </button>
        </li>
        {demoMailbox && (
          <li>
            <button type="button" className="nav-item nav-demo" aria-current={current('demoMailbox')} onClick={() => goTo({ name: 'demoMailbox' })}>
              {ja.menu.demoMailbox}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
