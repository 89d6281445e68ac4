module.exports = { ...require('../../tools/jest/preset.js'), displayName: 'supergraph', rootDir: __dirname };
