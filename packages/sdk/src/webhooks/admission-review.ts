import type { KubeObject } from '../client/object.js';
import { WebhookRequestError } from './handler.js';
import { isJsonObject } from './json-value.js';

/** The operation an admission request is about. */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** `request` of an `admission.k8s.io/v1` `AdmissionReview` (the fields webhooks use). */
export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  resource: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: AdmissionOperation;
  userInfo: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  /** The new object (CREATE, UPDATE); absent for DELETE. */
  object?: KubeObject | null;
  /** The existing object (UPDATE, DELETE). */
  oldObject?: KubeObject | null;
  /** True when the request will not be persisted; the webhook must then have no side effects. */
  dryRun?: boolean;
  options?: unknown;
}

/** `status` of an admission response, a `metav1.Status` without its envelope. */
export interface AdmissionStatus {
  code: number;
  reason?: string;
  message: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ reason: string; message: string; field: string }>;
  };
}

/** `response` of an `admission.k8s.io/v1` `AdmissionReview`. */
export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  /** Base64 of a JSON Patch (RFC 6902) array. */
  patch?: string;
  patchType?: 'JSONPatch';
  warnings?: string[];
}

/** An `admission.k8s.io/v1` `AdmissionReview`, as sent by the API server or returned by a webhook. */
export interface AdmissionReview {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  request?: AdmissionRequest;
  response?: AdmissionResponse;
}

/** Facts about the request that defaulters and validators may need (e.g. to skip side effects on `dryRun`). */
export interface AdmissionContext {
  readonly operation: AdmissionOperation;
  readonly dryRun: boolean;
  readonly userInfo: AdmissionRequest['userInfo'];
  readonly namespace?: string;
  readonly name?: string;
  readonly subResource?: string;
}

/** Checks that `body` is an `admission.k8s.io/v1` AdmissionReview with a request, and returns that request. */
export function readAdmissionRequest(body: unknown): AdmissionRequest {
  if (!isJsonObject(body) || body.kind !== 'AdmissionReview' || body.apiVersion !== 'admission.k8s.io/v1') {
    throw new WebhookRequestError('expected an admission.k8s.io/v1 AdmissionReview');
  }
  const request = body.request;
  if (!isJsonObject(request) || typeof request.uid !== 'string' || request.uid === '') {
    throw new WebhookRequestError('AdmissionReview has no request.uid');
  }
  if (!['CREATE', 'UPDATE', 'DELETE', 'CONNECT'].includes(String(request.operation))) {
    throw new WebhookRequestError(`AdmissionReview has an unknown operation ${JSON.stringify(request.operation)}`);
  }
  return request as unknown as AdmissionRequest;
}

/** Wraps a response in an AdmissionReview envelope. */
export function admissionReview(response: AdmissionResponse): AdmissionReview {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response };
}

/** The {@link AdmissionContext} of a request. */
export function admissionContext(request: AdmissionRequest): AdmissionContext {
  return {
    operation: request.operation,
    dryRun: request.dryRun === true,
    userInfo: request.userInfo ?? {},
    namespace: request.namespace,
    name: request.name,
    subResource: request.subResource,
  };
}
