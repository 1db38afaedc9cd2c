// Runs the dashboard worker from its TypeScript source (development and tests): tsx compiles
// it in this thread. The bundled server ships dashboard-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
