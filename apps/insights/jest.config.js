module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'insights', rootDir: __dirname };
