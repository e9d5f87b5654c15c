import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// The controller tests each run two API servers; one file at a time keeps them within their timeouts on small
// machines.
export default mergeConfig(sharedTestConfig, { test: { fileParallelism: false } });
