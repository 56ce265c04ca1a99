/** lowdb 7 and its writer steno ship as ES modules only; ts-jest compiles them to CommonJS for jest. */
module.exports = {
  preset: 'ts-jest/presets/js-with-ts',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno)/)'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testTimeout: 30000,
  // One throw-away PostgreSQL cluster per run for the store tests (DATABASE_URL, when set, is used instead).
  globalSetup: '<rootDir>/tests/support/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/postgres-global-teardown.ts',
};
