import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { ApiError } from '../client/errors.js';
import type { KubeClient } from '../client/kube-client.js';
import type { KubeObject } from '../client/object.js';
import { apiVersionOf, type ResourceType } from '../client/resource-type.js';

/** Where {@link createAsWritten} and {@link applyManifestFile} create objects. */
export interface ManifestTarget {
  readonly client: KubeClient;
  /** The kinds manifests may hold, matched by `apiVersion` and `kind`. */
  readonly types: readonly ResourceType[];
  /** Namespace of namespaced objects; `default` unless given. */
  readonly namespace?: string;
}

/** One manifest and the API server's answer to creating it. */
export interface AppliedManifest {
  readonly manifest: KubeObject;
  /** The object as stored, or the error the API server returned. */
  readonly stored: KubeObject | ApiError;
}

/**
 * The objects of a (possibly multi-document) YAML text, empty documents skipped. A YAML error is thrown, its
 * message prefixed with `source`.
 */
export function parseManifests(text: string, source = 'YAML'): KubeObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]?.message}`);
      return document.toJS() as KubeObject | null;
    })
    .filter((object): object is KubeObject => object !== null);
}

/** The objects of a (possibly multi-document) YAML file, as {@link parseManifests} reads them. */
export function readManifestFile(path: string): KubeObject[] {
  return parseManifests(readFileSync(path, 'utf8'), path);
}

/**
 * Creates `object` exactly as written — only the namespace is set — and returns what the API server stored, or the
 * {@link ApiError} it answered with (so a test can assert on a rejection's message). Other errors are thrown, as is
 * a kind not among the target's types.
 */
export async function createAsWritten(target: ManifestTarget, object: KubeObject): Promise<KubeObject | ApiError> {
  const type = target.types.find((t) => apiVersionOf(t) === object.apiVersion && t.kind === object.kind);
  if (!type) throw new Error(`no resource type for ${object.apiVersion} ${object.kind}`);
  const metadata = type.namespaced ? { ...object.metadata, namespace: target.namespace ?? 'default' } : object.metadata;
  try {
    return await target.client.create(type, { ...object, metadata });
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
}

/**
 * Applies the YAML manifests of a file, unchanged, to the API server (see {@link createAsWritten}): the check that
 * users' existing manifests for the Go provider work as they are.
 */
export async function applyManifestFile(target: ManifestTarget, path: string): Promise<AppliedManifest[]> {
  const applied: AppliedManifest[] = [];
  for (const manifest of readManifestFile(path))
    applied.push({ manifest, stored: await createAsWritten(target, manifest) });
  return applied;
}
