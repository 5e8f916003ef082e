import { defineConfig } from 'vitest/config';

// unit: pure modules (tests/renderer: the screens' pure modules, type-checked with the renderer).
// integration: real SQLite files, real HTTP servers on loopback.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/native-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/renderer/**/*.test.{ts,tsx}'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 30_000 },
      },
    ],
  },
});
