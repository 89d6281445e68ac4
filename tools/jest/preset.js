// Shared Jest settings: swc transpiles TypeScript (type checking is the `typecheck` target's job),
// workspace libraries resolve to their sources, and the ESM-only packages (jose, the mljs family) are transpiled to CommonJS.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

module.exports = {
  testEnvironment: 'node',
  // A guard against hangs, not a speed check: the first queries against a cold JVM-based server are slow.
  testTimeout: 60_000,
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|ml-[a-z-]+|is-any-array)/)'],
  moduleNameMapper: {
    '^@c360/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@c360/service-kit$': path.join(root, 'libs/service-kit/src/index.ts'),
    '^@c360/auth$': path.join(root, 'libs/auth/src/index.ts'),
    '^@c360/testing$': path.join(root, 'libs/testing/src/index.ts'),
    '^@c360/supergraph$': path.join(root, 'libs/supergraph/src/index.ts'),
    '^@c360/consent-client$': path.join(root, 'libs/consent-client/src/index.ts'),
    '^@c360/sentiment$': path.join(root, 'libs/sentiment/src/index.ts'),
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
