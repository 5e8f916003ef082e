import { create } from 'zustand';

/** The screens of the admin window. A union instead of URLs: the window has no address bar. */
export type Screen =
  | { name: 'employees' }
  | { name: 'employeeCreate' }
  | { name: 'employeeEdit'; employeeId: number }
  | { name: 'accountSettings' };

interface NavigationState {
  screen: Screen;
  goTo(screen: Screen): void;
  reset(): void;
}

const HOME: Screen = { name: 'employees' };

export const useNavigationStore = create<NavigationState>()((set) => ({
  screen: HOME,
  goTo: (screen) => set({ screen }),
  reset: () => set({ screen: HOME }),
}));
