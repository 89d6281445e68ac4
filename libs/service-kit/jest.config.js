module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'service-kit', rootDir: __dirname };
