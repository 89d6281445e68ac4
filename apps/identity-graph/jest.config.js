module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'identity-graph', rootDir: __dirname };
