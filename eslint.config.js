// Lint rules as errors, including the layer rules of ../shared/DESIGN.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron/ (and the preload bridge) may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only main/electron/ may import electron.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'dist-server/**', 'dist-bench/**', 'release/**', 'node_modules/**', '.cache/**', 'test-results/**', 'playwright-report/**', '.demo-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The portal's few scripts: plain browser scripts served as files (CSP script-src 'self').
    files: ['resources/portal/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // Playwright fixtures must destructure their first parameter, even when they use none of it.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    // Services, db and the contract are plain Node / plain TypeScript: never electron.
    files: ['main/**/*.{ts,tsx}', 'db/**/*.ts', 'preload/contract.ts', 'preload/schemas.ts', 'preload/domain-types.ts', 'preload/i18n/**'],
    ignores: ['main/electron/**', 'main/entry-electron.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noElectron,
        patterns: [...noElectron.patterns, { group: ['**/main/*', '**/main/**'], message: 'db/ must not depend on main/.' }],
      }],
    },
  },
  {
    // The renderer reaches the main process only through the contract client.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches main only through the contract.' }],
        patterns: [
          { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no node: modules.' },
          { group: ['**/main/*', '**/main/**', '**/db/*', '**/db/**'], message: 'The renderer reaches main only through the contract.' },
          { group: ['**/preload/index', '**/preload/index.ts'], message: 'Use renderer/api/client.ts.' },
        ],
      }],
    },
  },
);
