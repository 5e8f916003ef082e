import { create } from 'zustand';

/** A short message that outlives the screen that caused it (e.g. 「社員を登録しました。」 on the grid). */
export interface Flash {
  id: number;
  text: string;
  tone: 'success' | 'info';
}

interface FlashState {
  flash: Flash | null;
  show(text: string, tone?: Flash['tone']): void;
  /** Only the flash with this id: a newer message must not be cleared by an older timer. */
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;

export const useFlashStore = create<FlashState>()((set) => ({
  flash: null,
  show: (text, tone = 'success') => set({ flash: { id: nextId++, text, tone } }),
  dismiss: (id) => set((s) => (s.flash?.id === id ? { flash: null } : s)),
  clear: () => set({ flash: null }),
}));
