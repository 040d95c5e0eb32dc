// Start-up baseline: a Node process that loads nothing.
