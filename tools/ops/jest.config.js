module.exports = { ...require('../jest/preset.js'), displayName: 'tools-ops', rootDir: __dirname };
