module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'sentiment', rootDir: __dirname };
