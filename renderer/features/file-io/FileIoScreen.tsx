import { ja } from '../../../preload/i18n/ja';
import { useNavigationStore } from '../../stores/navigation-store';
import { useGridLiveRefresh } from '../employee-grid/use-grid-live-refresh';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';

/** 「ファイル入出力」 (SPEC §11): the employees as CSV, out and in. */
export function FileIoScreen() {
  const goTo = useNavigationStore((s) => s.goTo);
  // 「現在の検索結果（N人）」 stays true while employees change (an import, the LAN).
  useGridLiveRefresh();

  return (
    <section className="screen file-io-screen" aria-labelledby="file-io-title">
      <div className="screen-header">
        <h1 id="file-io-title" className="screen-title">{ja.fileIo.title}</h1>
        <div className="screen-tools">
          <button type="button" className="button" onClick={() => goTo({ name: 'employees' })}>{ja.fileIo.back}</button>
        </div>
      </div>
      <div className="file-io-stack">
        <ExportSection />
        <ImportSection />
      </div>
    </section>
  );
}
