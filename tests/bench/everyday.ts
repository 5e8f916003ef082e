/** The 60 employees who log in and punch as usual while a bench's bulk job runs (issue-child.ts, load-child.ts). */
export const EVERYDAY = 60;
export const EVERYDAY_PASSWORD = 'bench password 7';
export const EVERYDAY_PASSCODE = '2580';
/** Their ログインID and 社員コード. */
export const everydayLogin = (i: number) => `emp${i}`;
export const everydayCode = (i: number) => String(5000 + i);
