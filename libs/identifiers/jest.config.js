module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'identifiers', rootDir: __dirname };
