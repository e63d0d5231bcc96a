#!/usr/bin/env node
// Runs the TypeScript sources through tsx: one tree for development and production, no server build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
