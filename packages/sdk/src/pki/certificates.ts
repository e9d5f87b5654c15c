import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A certificate and its private key, both PEM encoded. */
export interface KeyPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key: PKCS#1 (`RSA PRIVATE KEY`) for RSA, SEC1 (`EC PRIVATE KEY`) for ECDSA, as Go's crypto writes them. */
  key: string;
}

export type KeyAlgorithm = 'rsa' | 'ecdsa';

export interface CertificateRequest {
  /** Subject common name. */
  commonName: string;
  /** Subject organizations (for client certificates these become Kubernetes groups). */
  organizations?: string[];
  /** DNS subject alternative names. */
  dnsNames?: string[];
  /** IP subject alternative names. */
  ipAddresses?: string[];
  /** `server`, `client`, or both. Defaults to both. */
  usages?: Array<'server' | 'client'>;
  /** Validity in days; defaults to 365. */
  validityDays?: number;
  keyAlgorithm?: KeyAlgorithm;
}

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const ECDSA: webcrypto.EcKeyGenParams & webcrypto.EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 86_400_000;

function algorithmFor(kind: KeyAlgorithm) {
  return kind === 'rsa' ? RSA : ECDSA;
}

async function generateKeys(kind: KeyAlgorithm): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithmFor(kind), true, ['sign', 'verify'])) as CryptoKeyPair;
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive integer, as RFC 5280 requires
  return bytes.toString('hex');
}

async function exportPrivateKey(key: CryptoKey): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const keyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const type = keyObject.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1';
  return keyObject.export({ format: 'pem', type }).toString();
}

async function importPrivateKey(pem: string): Promise<{ key: CryptoKey; kind: KeyAlgorithm }> {
  const keyObject = createPrivateKey(pem);
  const kind: KeyAlgorithm = keyObject.asymmetricKeyType === 'rsa' ? 'rsa' : 'ecdsa';
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, algorithmFor(kind), true, ['sign']);
  return { key, kind };
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Back-date by an hour to tolerate clock skew between the machines that will check it.
  const now = Date.now();
  return { notBefore: new Date(now - 3_600_000), notAfter: new Date(now + days * DAY_MS) };
}

function distinguishedName(commonName: string, organizations: string[] = []): x509.JsonName {
  return [{ CN: [commonName] }, ...organizations.map((o) => ({ O: [o] }))];
}

/** Creates a self-signed certificate authority (10 years by default, as Cluster API's CA). */
export async function createCertificateAuthority(
  commonName: string,
  options: { validityDays?: number; keyAlgorithm?: KeyAlgorithm } = {},
): Promise<KeyPair> {
  const kind = options.keyAlgorithm ?? 'rsa';
  const keys = await generateKeys(kind);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: new x509.Name(distinguishedName(commonName)),
    ...validity(options.validityDays ?? 3650),
    signingAlgorithm: algorithmFor(kind),
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportPrivateKey(keys.privateKey) };
}

/** Issues a leaf certificate signed by `ca`. */
export async function issueCertificate(ca: KeyPair, request: CertificateRequest): Promise<KeyPair> {
  const caCert = new x509.X509Certificate(ca.cert);
  const { key: caKey, kind: caKind } = await importPrivateKey(ca.key);
  const keys = await generateKeys(request.keyAlgorithm ?? 'rsa');
  const usages = request.usages ?? ['server', 'client'];
  const altNames: x509.JsonGeneralName[] = [
    ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: new x509.Name(distinguishedName(request.commonName, request.organizations)),
    issuer: caCert.subjectName,
    ...validity(request.validityDays ?? 365),
    signingAlgorithm: algorithmFor(caKind),
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(
        usages.map((u) => (u === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth)),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ...(altNames.length > 0 ? [new x509.SubjectAlternativeNameExtension(altNames)] : []),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportPrivateKey(keys.privateKey) };
}

/** Generates a PEM RSA private key (PKCS#8) and its public key (SPKI), e.g. for service-account signing. */
export async function generateSigningKey(): Promise<{ privateKey: string; publicKey: string }> {
  const keys = await generateKeys('rsa');
  const priv = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const pub = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey)).toString('base64');
  const pem = (label: string, b64: string) =>
    `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END ${label}-----\n`;
  return { privateKey: pem('PRIVATE KEY', priv), publicKey: pem('PUBLIC KEY', pub) };
}
