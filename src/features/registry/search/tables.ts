import type { ChildStatus } from '../tables.js';

// Column added by migration 0009: the status a merged file had, restored when the merge is undone.
declare module '../tables.js' {
  interface ChildMergesTable {
    merged_status_before: Exclude<ChildStatus, 'merged'> | null;
  }
}
