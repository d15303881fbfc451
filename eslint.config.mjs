import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import regexp from 'eslint-plugin-regexp';

const platformImports = {
  patterns: [
    {
      group: ['@slack/*', 'botbuilder', 'botbuilder*', 'botframework-*', '**/adapters/**', '**/adapters'],
      message: 'Core (src/) never imports a platform or an adapter (docs/architecture.md).',
    },
  ],
};

const noTestImports = { group: ['**/test', '**/test/**'], message: 'What runs outside the tests never imports test/.' };

const serverImports = {
  patterns: [
    noTestImports,
    {
      group: ['**/playground', '**/playground/**', '**/stand-ins', '**/stand-ins/**'],
      message: 'The production server (npm start, the image) never loads the playground or the stand-ins.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.cache/**', 'test-artifacts/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', platformImports],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['adapters/*.ts', 'adapters/slack/**/*.ts', 'adapters/teams/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', serverImports] },
  },
  {
    files: ['adapters/playground/**/*.ts', 'adapters/stand-ins/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports] }] },
  },
  {
    // The playground page's own script: browser modules, next to Microsoft's adaptivecards global.
    files: ['adapters/playground/web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, AdaptiveCards: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'adapters/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn' },
  },
  {
    // Code that sees user text: no regular expression may backtrack super-linearly, so no input
    // can stall the event loop (see src/services/inbound-limits.ts for the door in front of it).
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'adapters/**/*.js'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential' }],
    },
  },
  prettier,
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
);
