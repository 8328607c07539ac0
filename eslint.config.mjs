import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'backend-rds/src/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // The shop's small enhancement scripts run in browsers, as classic scripts.
    files: ['frontend/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // Command-line scripts (seeds, benchmarks, CI helpers) report to the terminal.
    files: ['**/bench/**', '**/audit/**', '**/prisma/**', '.ci/**', '**/*.mjs', '**/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
