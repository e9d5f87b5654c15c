import { request } from 'node:https';
import { createCertificateAuthority, issueCertificate } from '@capi-ts/sdk';

/**
 * cloud-init user data for a stand-in API server: a systemd service serving HTTPS on :6443 that answers every
 * request (haproxy's `GET /healthz` check included) with the instance's host name.
 */
export async function responderUserData(): Promise<string> {
  const ca = await createCertificateAuthority('responder-ca', { keyAlgorithm: 'ecdsa' });
  const pair = await issueCertificate(ca, { commonName: 'responder', usages: ['server'], keyAlgorithm: 'ecdsa' });
  const script = [
    'import http.server, socket, ssl',
    'class Handler(http.server.BaseHTTPRequestHandler):',
    '    def do_GET(self):',
    '        body = socket.gethostname().encode()',
    '        self.send_response(200)',
    "        self.send_header('content-length', str(len(body)))",
    '        self.end_headers()',
    '        self.wfile.write(body)',
    '    def log_message(self, *args):',
    '        pass',
    "server = http.server.ThreadingHTTPServer(('0.0.0.0', 6443), Handler)",
    'context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)',
    "context.load_cert_chain('/etc/responder/tls.crt', '/etc/responder/tls.key')",
    'server.socket = context.wrap_socket(server.socket, server_side=True)',
    'server.serve_forever()',
  ].join('\n');
  const unit = '[Unit]\nDescription=test responder\n[Service]\nExecStart=/usr/bin/python3 /etc/responder/serve.py\n';
  const file = (path: string, content: string) =>
    `  - path: ${path}\n    content: |\n${content
      .split('\n')
      .map((line) => `      ${line}`)
      .join('\n')}\n`;
  return (
    '#cloud-config\nwrite_files:\n' +
    file('/etc/responder/tls.crt', pair.cert.trim()) +
    file('/etc/responder/tls.key', pair.key.trim()) +
    file('/etc/responder/serve.py', script) +
    file('/etc/systemd/system/responder.service', unit.trim()) +
    'runcmd:\n  - systemctl start responder.service\n'
  );
}

/** One HTTPS GET to `address:6443` (no verification: the responders' CA is throw-away); the answer's body. */
export function ask(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: address, port: 6443, path: '/', rejectUnauthorized: false, agent: false, timeout: 3_000 },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve(body));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${address}:6443`)));
    req.on('error', reject);
    req.end();
  });
}
