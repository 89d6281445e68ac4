module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'consent-client', rootDir: __dirname };
