// `MISSION_PULSE_SKIP_BROWSER_TEST=1` leaves out the one test that needs Chromium (see test/setup/chromium.ts).
const skipBrowserTest = process.env.MISSION_PULSE_SKIP_BROWSER_TEST === '1';
if (skipBrowserTest) {
  process.stderr.write(
    'MISSION_PULSE_SKIP_BROWSER_TEST=1: the playground browser test (test/playground/playground-browser.test.ts) is not run.\n',
  );
}

// Two projects: `unit` needs nothing running; `storage` is everything that touches a database
// (the test setup starts one, on the engine MISSION_PULSE_TEST_ENGINE names). CI runs both,
// then `storage` again on the other engine: `npm test -- --selectProjects storage`.
const STORAGE_SUITES = ['integration', 'e2e', 'api', 'security', 'faults', 'playground'];

const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', ...STORAGE_SUITES.map((s) => `<rootDir>/test/${s}/`)],
    },
    {
      ...shared,
      displayName: 'storage',
      roots: STORAGE_SUITES.map((s) => `<rootDir>/test/${s}`),
      testPathIgnorePatterns: ['/node_modules/', ...(skipBrowserTest ? ['/test/playground/playground-browser\\.test\\.ts$'] : [])],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
