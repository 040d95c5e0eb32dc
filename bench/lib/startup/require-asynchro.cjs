// Start-up: a CommonJS program that loads asynchro (its `require` entry, dist/index.cjs: no ES module loader).
require('asynchro-bridge');
