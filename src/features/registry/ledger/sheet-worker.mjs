// The worker thread that reads a ledger (see read-rows.ts). A worker does not inherit the tsx
// loader of the thread that started it, so it registers its own, as bin/haven.js does.
import { register } from 'tsx/esm/api';

register();
await import('./sheet-worker.ts');
