import type { AdminAuthService } from '../services/admin-auth-service';
import type { EmployeeService } from '../services/employee-service';
import type { SettingsService } from '../services/settings-service';
import type { Handlers } from './dispatcher';

export interface HandlerServices {
  auth: AdminAuthService;
  settings: SettingsService;
  employees: EmployeeService;
}

/** The contract's methods mapped onto the services: thin, no logic of their own. */
export function createHandlers({ auth, settings, employees }: HandlerServices): Handlers {
  return {
    'auth.getState': (_i, ctx) => auth.state(ctx.sessionId),
    'auth.setup': async (input, ctx) => {
      ctx.setSession(await auth.setup(input));
      return auth.state(ctx.sessionId);
    },
    'auth.login': async (input, ctx) => {
      auth.logout(ctx.sessionId); // a fresh session id at every login
      ctx.setSession(await auth.login(input));
      return auth.state(ctx.sessionId);
    },
    'auth.logout': (_i, ctx) => {
      auth.logout(ctx.sessionId);
      ctx.setSession(null);
      return auth.state(null);
    },

    'settings.get': () => settings.get(),
    'settings.updateAccount': (input) => settings.updateAccount(input),
    'settings.updateCompany': (input) => settings.updateCompany(input),
    'settings.updatePortal': (input) => settings.updatePortal(input),

    'employees.list': (input) => employees.list(input),
    'employees.get': (input) => employees.get(input.id),
    'employees.create': ({ acceptDuplicateWarnings, ...fields }) => employees.create(fields, acceptDuplicateWarnings),
    'employees.update': ({ id, acceptDuplicateWarnings, ...fields }) =>
      employees.update(id, fields, acceptDuplicateWarnings),
    'employees.delete': (input) => employees.delete(input.ids),
  };
}
