export { connectIncus, type IncusServerConnection, requireExtensions } from './connect.js';
export { IncusConnections, liveSecretReader, type SecretReader } from './connections.js';
export { credentialsFromSecretData } from './credentials.js';
export { IncusConnectionFailure, IncusConnectionReason, isIncusConnectionFailure } from './failure.js';
