/** Where an HTTP server listens. An empty host means every interface. */
export interface BindAddress {
  host: string;
  port: number;
}

/**
 * Parses a controller-runtime style bind address: `:8080`, `127.0.0.1:8080`, `[::1]:8080`, or port `0` for an
 * ephemeral port (`127.0.0.1:0`). The value `0` alone disables the server and yields `undefined`.
 */
export function parseBindAddress(address: string): BindAddress | undefined {
  if (address === '0') return undefined;
  const match = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(address);
  if (!match) throw new Error(`invalid bind address "${address}": expected [host]:port or "0" to disable`);
  const port = Number(match[3]);
  if (port > 65535) throw new Error(`invalid bind address "${address}": port ${port} is out of range`);
  return { host: match[1] ?? match[2] ?? '', port };
}
