import { defaultStandInLog, type ExtraFile, recordingStandIn } from '@capi-ts/provider-incus/test-support';

/** Where the snap keeps MicroK8s' data; the bootstrap scripts edit files below it. */
export const SNAP_DATA = '/var/snap/microk8s/current';

/**
 * A recording stand-in (same JSON-lines log as the shared `recordingStandIn`) that exits 1 for the calls whose
 * arguments start with one of `failingPrefixes` and 0 for all others. It answers questions the scripts ask about a
 * fresh machine: `snap list microk8s` (not installed yet) and `iptables -C` (rule not there yet). A test makes
 * more calls fail by writing a JSON list of prefixes to {@link failingCallsFile}`(name)` before they happen.
 */
export function answeringStandIn(name: string, failingPrefixes: readonly (readonly string[])[]): ExtraFile {
  const script = `#!/usr/bin/python3
# Recording stand-in for ${name} (capi-ts bootstrap-microk8s execution test): logs the call and exits 1 for the
# argument prefixes below and those listed in ${failingCallsFile(name)}, 0 otherwise; it does nothing else.
import json, os, sys, time
args = sys.argv[1:]
with open(${JSON.stringify(defaultStandInLog)}, "a") as log:
    log.write(json.dumps({"command": ${JSON.stringify(name)}, "args": args, "cwd": os.getcwd(), "time": time.time()}) + "\\n")
failing = ${JSON.stringify(failingPrefixes)}
if os.path.exists(${JSON.stringify(failingCallsFile(name))}):
    with open(${JSON.stringify(failingCallsFile(name))}) as extra:
        failing += json.load(extra)
sys.exit(1 if any(args[:len(prefix)] == prefix for prefix in failing) else 0)
`;
  return { path: `/usr/local/bin/${name}`, content: script, mode: 0o755 };
}

/** Where a test lists further argument prefixes for which the stand-in `name` fails (a JSON list of lists). */
export function failingCallsFile(name: string): string {
  return `/etc/capi-ts/${name}-failing.json`;
}

/** The part of MicroK8s' snap data the bootstrap scripts read and edit, as a fresh installation has it. */
const snapDataFiles: Record<string, string> = {
  'certs/csr.conf.template': '[ alt_names ]\nDNS.1 = kubernetes\nDNS.2 = kubernetes.default\nIP.1 = 127.0.0.1\n',
  'args/kube-apiserver': '--cert-dir=$SNAP_DATA/certs\n--secure-port=16443\n',
  'args/kubelet': '--kubeconfig=$SNAP_DATA/credentials/kubelet.config\n',
  'args/cluster-agent': '--bind 0.0.0.0:25000\n',
  'args/containerd-env': 'ulimit -n 65536 || true\n',
  'args/apiserver-proxy': '--traefik-config $SNAP_DATA/args/traefik/traefik.yaml\n',
  'args/traefik/provider.yaml':
    "tcp:\n  services:\n    kube-apiserver:\n      loadBalancer:\n        servers:\n        - address: '127.0.0.1:16443'\n",
  'args/cni-network/cni.yaml':
    '- name: CALICO_IPV4POOL_VXLAN\n  value: "Always"\ncalico_backend: "vxlan"\n- -felix-live\n- -felix-ready\n',
  'var/kubernetes/backend/info.yaml': 'Address: 127.0.0.1:19001\nID: 3297041220608546238\nRole: 0\n',
  ...Object.fromEntries(
    ['client', 'controller', 'scheduler', 'kubelet', 'proxy'].map((c) => [
      `credentials/${c}.config`,
      'server: https://127.0.0.1:16443\n',
    ]),
  ),
};

/**
 * The files baked into the test image: recording stand-ins for `snap`, `microk8s`, `iptables` and `apt-get` (no
 * network, and no snapd in a container), and MicroK8s' snap data as a fresh installation leaves it.
 */
export function machineImageFiles(): ExtraFile[] {
  return [
    answeringStandIn('snap', [['list', 'microk8s']]),
    answeringStandIn('microk8s', []),
    answeringStandIn('iptables', [['-t', 'nat', '-C']]),
    recordingStandIn({ name: 'apt-get' }),
    ...Object.entries(snapDataFiles).map(([path, content]) => ({ path: `${SNAP_DATA}/${path}`, content })),
  ];
}
