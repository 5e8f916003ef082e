import { ja } from '../../../preload/i18n/ja';

interface GridHeaderProps {
  searchOpen: boolean;
  onRegister(): void;
  onToggleSearch(): void;
  onFileIo(): void;
  onRefresh(): void;
  refreshing: boolean;
}

/** 「社員情報管理」 and 「社員新規登録」「社員検索」「ファイル入出力」「更新」 */
export function GridHeader({ searchOpen, onRegister, onToggleSearch, onFileIo, onRefresh, refreshing }: GridHeaderProps) {
  const g = ja.grid;
  return (
    <div className="screen-header">
      <h1 id="grid-title" className="screen-title">{g.title}</h1>
      <div className="screen-tools">
        <button type="button" className="button button-primary" onClick={onRegister}>{g.register}</button>
        <button type="button" className="button" aria-expanded={searchOpen} onClick={onToggleSearch}>{g.search}</button>
        <button type="button" className="button" onClick={onFileIo}>{g.fileIo}</button>
        <button type="button" className="button" onClick={onRefresh} aria-busy={refreshing || undefined}>{g.refresh}</button>
      </div>
    </div>
  );
}
