/**
 * The desktop app's start at login, as the services see it (main/desktop/auto-start.ts
 * implements it per OS; headless mode has none). A refusal of the OS is an AppError with the
 * reason in Japanese.
 */
export interface AutoStartControl {
  get(): boolean;
  set(enabled: boolean): void;
}
