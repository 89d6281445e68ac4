module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'e2e', rootDir: __dirname, testTimeout: 120_000 };
