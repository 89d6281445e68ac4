module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'governance', rootDir: __dirname };
