// Component and UI-logic tests: pure functions (formatting, role rules, chart data shaping) and
// components rendered to HTML with react-dom/server, no browser needed.
const preset = require('../../tools/jest/preset.js');

module.exports = {
  ...preset,
  displayName: 'console',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/server'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
    ],
  },
  moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
};
