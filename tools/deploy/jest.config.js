module.exports = { ...require('../jest/preset.js'), displayName: 'tools-deploy', rootDir: __dirname };
