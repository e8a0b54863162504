/** Unit specs next to the code and integration specs in tests/int, all as native ESM. */
const config = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '^@/access/(.*)$': '<rootDir>/access/$1',
    '^@/collections/(.*)$': '<rootDir>/collections/$1',
    '^@/plugins/(.*)$': '<rootDir>/plugins/$1',
    '^@/payload-types$': '<rootDir>/src/payload-types.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss)$': '<rootDir>/tests/helpers/emptyModule.js',
  },
  testMatch: [
    '<rootDir>/tests/int/**/*.int.spec.ts',
    '<rootDir>/{src,access,collections,plugins,scripts,bench}/**/*.spec.ts',
  ],
  globalSetup: '<rootDir>/tests/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/setup/globalTeardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
  // One worker, replaced once a spec file leaves it above this: each file loads Payload and its
  // config afresh, and in one process for the whole suite the heap outgrew Node's 4 GB default.
  workerIdleMemoryLimit: '1536MB',
}

export default config
