// Start-up peer: a CommonJS program that loads synckit.
require('synckit');
