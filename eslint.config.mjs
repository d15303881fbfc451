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

// The store builds every repository over the one connection, and the outbox keeps its own
// collections on it (src/store/store.ts, Store.connection); the rest of src/ asks the store.
const databaseImports = {
  group: ['mongoose', 'mongodb'],
  message: 'Only src/store/ and src/outbox/ use the database driver: ask the store for a repository (src/store/store.ts).',
};
const connectionUse = {
  selector: "MemberExpression[property.name='connection']",
  message: 'Only src/store/, src/outbox/ and the composition root use the database connection: ask the store for a repository.',
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
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', 'src/outbox/**', 'src/runtime.ts', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...platformImports.patterns, databaseImports] }],
      'no-restricted-syntax': ['error', connectionUse],
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
