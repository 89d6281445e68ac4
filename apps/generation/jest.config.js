module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'generation', rootDir: __dirname };
