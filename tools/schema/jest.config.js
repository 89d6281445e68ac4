module.exports = { ...require('../jest/preset.js'), displayName: 'tools-schema', rootDir: __dirname };
