// Start-up peer: an ES module program that loads synckit.
import 'synckit';
