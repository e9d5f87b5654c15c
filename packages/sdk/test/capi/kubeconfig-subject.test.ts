import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateKubeconfig } from '../../src/capi/kubeconfig.js';
import { createCertificateAuthority } from '../../src/index.js';

interface KubeconfigFile {
  users: { user: Record<string, string> }[];
}

async function clientSubject(options: Parameters<typeof generateKubeconfig>[3]): Promise<string> {
  const ca = await createCertificateAuthority('kubernetes', { keyAlgorithm: 'ecdsa' });
  const file = parse(await generateKubeconfig('sigma', 'https://10.0.0.1:6443', ca, options)) as KubeconfigFile;
  const pem = Buffer.from(file.users[0]?.user['client-certificate-data'] ?? '', 'base64').toString('utf8');
  return new x509.X509Certificate(pem).subject;
}

describe('the client certificate subject of a generated kubeconfig', () => {
  it("is Cluster API's by default", async () => {
    expect(await clientSubject({ keyAlgorithm: 'ecdsa' })).toBe('CN=kubernetes-admin, O=system:masters');
  });

  it('can be chosen, e.g. as CACPM issues it', async () => {
    const subject = await clientSubject({
      keyAlgorithm: 'ecdsa',
      subject: { commonName: 'admin', organizations: ['admin', 'system:masters'] },
    });
    expect(subject).toBe('CN=admin, O=admin, O=system:masters');
  });
});
