import { ja } from '../../../preload/i18n/ja';
import { useNavigationStore, type Screen } from '../../stores/navigation-store';

/** Which menu entry a screen belongs to (the employee form belongs to 社員情報管理). */
const menuEntryOf = (screen: Screen): 'employees' | 'account' =>
  screen.name === 'accountSettings' ? 'account' : 'employees';

export function AdminNav() {
  const screen = useNavigationStore((s) => s.screen);
  const goTo = useNavigationStore((s) => s.goTo);
  const active = menuEntryOf(screen);
  const current = (entry: typeof active) => (active === entry ? 'page' : undefined);

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
            <li>
              <button type="button" className="nav-item nav-subitem" aria-current={current('account')} onClick={() => goTo({ name: 'accountSettings' })}>
                <span aria-hidden="true" className="nav-separator">{ja.menu.separator}</span>
                {ja.menu.account}
              </button>
            </li>
          </ul>
        </li>
      </ul>
    </nav>
  );
}
