// `MISSION_PULSE_SKIP_BROWSER_TEST=1` leaves out the one test that needs Chromium (see test/setup/chromium.ts).
const skipBrowserTest = process.env.MISSION_PULSE_SKIP_BROWSER_TEST === '1';
if (skipBrowserTest) {
  process.stderr.write(
    'MISSION_PULSE_SKIP_BROWSER_TEST=1: the playground browser test (test/playground/playground-browser.test.ts) is not run.\n',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(skipBrowserTest ? ['/test/playground/playground-browser\\.test\\.ts$'] : [])],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
