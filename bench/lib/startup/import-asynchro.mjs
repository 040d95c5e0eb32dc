// Start-up: an ES module program that loads asynchro.
import 'asynchro-bridge';
