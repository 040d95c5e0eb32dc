// Start-up: a CommonJS program that loads asynchro (require of its ES module entry).
require('asynchro');
