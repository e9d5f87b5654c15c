export {
  type CertificateRequest,
  createCertificateAuthority,
  generateSigningKey,
  issueCertificate,
  type KeyAlgorithm,
  type KeyPair,
} from './certificates.js';
