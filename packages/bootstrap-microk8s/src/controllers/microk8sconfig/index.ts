export { ClusterSecretSuffix, InvalidCertificateAuthorityError, readCertificateAuthority } from './cluster-secrets.js';
export { type MicroK8sConfigControllerOptions, microK8sConfigController } from './controller.js';
export { type MicroK8sConfigReconcilerOptions, microK8sConfigReconciler } from './reconciler.js';
