// Browser tests: the whole system as processes (apps/e2e's System), the built console served as static
// files, Debian's Chromium driven by playwright-core.
const preset = require('../../../tools/jest/preset.js');

module.exports = { ...preset, displayName: 'console-e2e', rootDir: __dirname, testTimeout: 180_000 };
