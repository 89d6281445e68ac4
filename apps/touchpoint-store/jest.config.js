module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'touchpoint-store', rootDir: __dirname };
