/**
 * OpenStack client for the CAPO-compatible provider: `clouds.yaml` handling, Keystone v3 sessions,
 * classified errors, and the Nova, Neutron, Glance, Cinder and Octavia calls CAPO makes.
 */
export { Authenticator, type AuthenticatorOptions } from './auth/authenticator.js';
export type {
  ApplicationCredentialCredentials,
  KeystoneCredentials,
  NameOrId,
  PasswordCredentials,
  ProjectScope,
} from './auth/credentials.js';
export type { KeystoneToken } from './auth/token.js';
export { identityV3Url, tokenRequestBody } from './auth/token-request.js';
export {
  type CatalogEntry,
  type EndpointInterface,
  type EndpointQuery,
  resourceBaseUrl,
  type ServiceType,
  selectEndpoint,
  serviceTypeAliases,
} from './catalog.js';
export * as cinder from './cinder.js';
export {
  type CloudConfig,
  type CloudSource,
  type CloudsYamlEntry,
  cloudFromEntry,
  cloudFromSecret,
  parseCloudsYaml,
} from './clouds-yaml.js';
export * from './errors.js';
export * as glance from './glance.js';
export { errorFromResponse } from './http/error-response.js';
export { requestIdOf, retryAfterMsOf } from './http/headers.js';
export {
  defaultUserAgent,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type HttpTransportOptions,
  UndiciTransport,
} from './http/transport.js';
export * as neutron from './neutron/index.js';
export * as nova from './nova/index.js';
export * as octavia from './octavia/index.js';
export { type ResourceCollection, type TagFilter, tagQuery } from './resource-collection.js';
export { Secret } from './secret.js';
export {
  KeystoneSession,
  type KeystoneSessionOptions,
  type OpenStackSession,
  type QueryValue,
  requestUrl,
  type ServiceRequest,
} from './session.js';
export { SessionCache } from './session-cache.js';
