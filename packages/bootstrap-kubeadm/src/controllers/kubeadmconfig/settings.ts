/** Provider settings of the KubeadmConfig controller (from the manager's flags). */
export interface KubeadmConfigSettings {
  /** `--bootstrap-token-ttl`: lifetime of generated bootstrap tokens, in seconds; CABPK's default 15 minutes. */
  tokenTtlSeconds: number;
  /** `--bootstrap-data-gzip`: store cloud-config gzip-compressed (cloud-init decompresses it). Default off. */
  gzipCloudConfig: boolean;
  /**
   * `--bootstrap-data-size-limit`: above this many bytes (of the stored value) the config reports
   * `DataSecretSizeWithinLimit=False`; 0 turns the check off. Default 16384, the smallest common cloud cap (EC2).
   */
  dataSizeLimitBytes: number;
  /** The `MachinePool` feature gate: configs owned by MachinePools are bootstrapped. Default on. */
  machinePools: boolean;
  /** Field manager of writes to workload clusters (bootstrap tokens). */
  fieldManager: string;
}

/** CABPK's defaults, plus ours. */
export const DEFAULT_SETTINGS: Readonly<KubeadmConfigSettings> = Object.freeze({
  tokenTtlSeconds: 15 * 60,
  gzipCloudConfig: false,
  dataSizeLimitBytes: 16384,
  machinePools: true,
  fieldManager: 'capi-kubeadm-bootstrap',
});
