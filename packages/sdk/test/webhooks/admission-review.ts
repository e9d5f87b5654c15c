import type { KubeObject } from '../../src/client/index.js';
import type { AdmissionOperation, AdmissionReview } from '../../src/webhooks/index.js';

/** An AdmissionReview request as the API server sends it, for handler tests. */
export function admissionRequest(
  operation: AdmissionOperation,
  object: KubeObject | null,
  oldObject: KubeObject | null = null,
  extra: { dryRun?: boolean; uid?: string } = {},
): AdmissionReview {
  const name = object?.metadata.name ?? oldObject?.metadata.name;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: extra.uid ?? 'e911857d-c318-11e8-bbad-025000000001',
      kind: { group: 'example.com', version: 'v1', kind: 'Widget' },
      resource: { group: 'example.com', version: 'v1', resource: 'widgets' },
      name,
      namespace: 'default',
      operation,
      userInfo: { username: 'admin', groups: ['system:masters'] },
      object,
      oldObject,
      dryRun: extra.dryRun ?? false,
    },
  };
}

/** Decodes the base64 JSON Patch of an admission response. */
export function decodePatch(review: unknown): unknown {
  const patch = (review as AdmissionReview).response?.patch;
  return patch === undefined ? undefined : JSON.parse(Buffer.from(patch, 'base64').toString('utf8'));
}
