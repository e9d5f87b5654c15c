import { STATUS_CODES } from 'node:http';

/** An error answer of a simulated service; each service renders it in its own body shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Neutron's exception type (`NetworkInUse`, `SecurityGroupRuleExists`, …); ignored by the other services. */
    readonly type?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Renders an {@link ApiError} as the body the real service would send. */
export type ErrorFormatter = (error: ApiError) => unknown;

function title(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Keystone (and keystonemiddleware's 401 in front of every service): `{"error":{"code","message","title"}}`. */
export const keystoneErrorBody: ErrorFormatter = (error) => ({
  error: { code: error.status, message: error.message, title: title(error.status) },
});

const neutronDefaultTypes: Readonly<Record<number, string>> = {
  400: 'HTTPBadRequest',
  401: 'HTTPUnauthorized',
  403: 'HTTPForbidden',
  404: 'HTTPNotFound',
  405: 'HTTPMethodNotAllowed',
  409: 'HTTPConflict',
  429: 'HTTPTooManyRequests',
  500: 'HTTPInternalServerError',
  503: 'HTTPServiceUnavailable',
};

/** Neutron: `{"NeutronError":{"type","message","detail":""}}`. */
export const neutronErrorBody: ErrorFormatter = (error) => ({
  NeutronError: {
    type: error.type ?? neutronDefaultTypes[error.status] ?? 'HTTPError',
    message: error.message,
    detail: '',
  },
});

/** Fault names of nova/cinder `api/openstack/wsgi.py` (`Fault._fault_names`); anything else is `computeFault`. */
const novaFaultNames: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

/** Nova: `{"<faultName>":{"code","message"}}`. */
export const novaErrorBody: ErrorFormatter = (error) => ({
  [novaFaultNames[error.status] ?? 'computeFault']: { code: error.status, message: error.message },
});

/** Cinder: the same fault names as Nova except that 429 is not mapped; 413 carries `retryAfter`. */
export const cinderErrorBody: ErrorFormatter = (error) => {
  const name = error.status === 429 ? 'computeFault' : (novaFaultNames[error.status] ?? 'computeFault');
  const body: Record<string, unknown> = { code: error.status, message: error.message };
  if (error.status === 413) body.retryAfter = '0';
  return { [name]: body };
};

/** Glance: webob's JSON error formatter, `{"message","code":"404 Not Found","title":"Not Found"}`. */
export const glanceErrorBody: ErrorFormatter = (error) => ({
  message: `${error.message}<br /><br />\n\n\n`,
  code: `${error.status} ${title(error.status)}`,
  title: title(error.status),
});

/** Octavia (WSME): `{"faultcode":"Client"|"Server","faultstring","debuginfo":null}`. */
export const octaviaErrorBody: ErrorFormatter = (error) => ({
  faultcode: error.status < 500 ? 'Client' : 'Server',
  faultstring: error.message,
  debuginfo: null,
});
