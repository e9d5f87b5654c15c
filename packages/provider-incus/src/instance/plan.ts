import type { InstancesPost } from '../incus/api/instance.js';

/** A file placed into the instance before its first start through the files API. */
export interface InstanceFile {
  path: string;
  type: 'file' | 'symlink' | 'directory';
  /** File content, or the target of a symlink. */
  content: string;
  mode?: number;
}

/** An in-place text substitution in an image file, applied only when the file contains `search`. */
export interface FileReplacement {
  path: string;
  search: string;
  replace: string;
}

/**
 * Everything needed to create one machine's instance: the `POST /1.0/instances` body, the placement target, the
 * files rendered by Incus at first start (instance templates, `when: create`), files placed through the files
 * API, and substitutions in the image's own files. Files, templates and replacements are idempotent, so they
 * are (re)applied whenever the instance has not been started yet.
 */
export interface InstancePlan {
  request: InstancesPost & { type: 'container' | 'virtual-machine' };
  /** Cluster member or `@group`; only sent to clustered servers. */
  target?: string;
  /** Absolute path → content, installed as instance templates. */
  templates: Record<string, string>;
  files: InstanceFile[];
  replacements: FileReplacement[];
}
