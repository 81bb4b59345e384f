// Jest runs the TypeScript tests as ES modules through ts-jest (binaryen is
// ESM-only with top-level await, hence --experimental-vm-modules in npm test).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 120000,
  // Jest's default leaves a core idle; compiling fixtures is CPU-bound.
  maxWorkers: '100%',
};
