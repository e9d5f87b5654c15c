import { type FSWatcher, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Logger } from '../log/index.js';

/** A PEM certificate (chain) and its private key. */
export interface ServingCertificate {
  /** PEM certificate, leaf first, then any intermediates. */
  cert: string;
  /** PEM private key of the leaf. */
  key: string;
}

/** The certificate file name in a mounted `kubernetes.io/tls` Secret, such as cert-manager writes. */
export const TLS_CERT_FILE = 'tls.crt';
/** The private key file name in a mounted `kubernetes.io/tls` Secret. */
export const TLS_KEY_FILE = 'tls.key';

/** How often the files are re-read in case a change notification was missed (controller-runtime polls too). */
const POLL_INTERVAL_MS = 10_000;
/** Kubelet swaps a `..data` symlink: wait for the burst of events to settle before reading. */
const SETTLE_MS = 100;

/** Reads `tls.crt` and `tls.key` from a folder and checks that they form a usable pair. */
export function readServingCertificate(certDir: string): ServingCertificate {
  const pair = {
    cert: readFileSync(path.join(certDir, TLS_CERT_FILE), 'utf8'),
    key: readFileSync(path.join(certDir, TLS_KEY_FILE), 'utf8'),
  };
  createSecureContext(pair);
  return pair;
}

/**
 * Watches a certificate folder, as controller-runtime's `certwatcher` does: on a change notification (and every
 * {@link POLL_INTERVAL_MS} as a safety net) it re-reads the pair and, when it differs from the current one and is
 * valid, hands it to `onChange`. A half-written or mismatched pair is logged and skipped; the current certificate
 * stays in use until a valid one appears.
 */
export class CertificateWatcher {
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;

  constructor(
    private readonly certDir: string,
    private current: ServingCertificate,
    private readonly onChange: (pair: ServingCertificate) => void,
    private readonly logger: Logger,
  ) {}

  /** Starts watching. */
  start(): void {
    try {
      this.watcher = watch(this.certDir, () => this.scheduleReload());
      this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'certificate folder watch failed'));
    } catch (error) {
      this.logger.warn({ err: error, certDir: this.certDir }, 'cannot watch the certificate folder; polling only');
    }
    this.poll = setInterval(() => this.reload(), POLL_INTERVAL_MS);
    this.poll.unref();
  }

  /** Stops watching. */
  stop(): void {
    this.watcher?.close();
    clearInterval(this.poll);
    clearTimeout(this.settle);
  }

  private scheduleReload(): void {
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.reload(), SETTLE_MS);
    this.settle.unref();
  }

  private reload(): void {
    let next: ServingCertificate;
    try {
      next = readServingCertificate(this.certDir);
    } catch (error) {
      this.logger.warn(
        { err: error, certDir: this.certDir },
        'serving certificate not reloaded: unreadable or invalid',
      );
      return;
    }
    if (next.cert === this.current.cert && next.key === this.current.key) return;
    this.current = next;
    this.onChange(next);
    this.logger.info({ certDir: this.certDir }, 'serving certificate reloaded');
  }
}
