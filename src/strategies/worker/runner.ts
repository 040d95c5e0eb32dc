/** The worker thread's entry (`asynchro-bridge/worker-runner`; bundled by scripts/bundle.mjs). */
import './thread/serve.js';
