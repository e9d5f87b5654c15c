// Forming the cluster: addons, joining, and pointing workers at the control-plane endpoint.

/** Each argument is an addon to enable; the community repository is enabled first. */
export const microK8sEnable = `#!/bin/bash -x
# Usage: $0 <addon> [<addon> ...]
microk8s enable community || true
for addon in "$@"; do
  while ! microk8s enable "\${addon}"; do
    echo "could not enable \${addon}, retrying"
    sleep 5
  done
done
microk8s status --wait-ready
`;

/** `$1` "yes" to join as a worker; then every join URL to try (`<ip>:<port>/<token>`). */
export const microK8sJoin = `#!/bin/bash -x
# Usage: $0 <worker: yes|no> <join-url> [<join-url> ...]
worker="\${1}"
shift
extra=""
if [ "\${worker}" = "yes" ]; then
  extra="--worker"
fi
joined=no
for attempt in $(seq 1 30); do
  for url in "$@"; do
    # shellcheck disable=SC2086 # $extra is empty or one flag
    if microk8s join "\${url}" \${extra}; then
      joined=yes
      break 2
    fi
  done
  echo "join attempt \${attempt} failed, retrying"
  sleep 5
done
if [ "\${joined}" != "yes" ]; then
  echo "could not join the cluster"
  exit 1
fi
snap set microk8s configure="call$$"
snap restart microk8s.daemon-containerd
snap restart microk8s.daemon-kubelite
if [ "\${worker}" != "yes" ]; then
  /capi-scripts/50-wait-apiserver.sh
fi
`;

/** `$1` endpoint, `$2` port, `$3` "yes" to refresh the proxy at once: point the worker's API proxy at the endpoint. */
export const configureTraefik = `#!/bin/bash -xe
# Usage: $0 <endpoint> <port> <refresh: yes|no>
snap_data=/var/snap/microk8s/current
provider="\${snap_data}/args/traefik/provider.yaml"
while [ ! -f "\${provider}" ]; do
  echo "waiting for \${provider}"
  sleep 3
done
if [ "\${3}" = "yes" ]; then
  proxy_args="\${snap_data}/args/apiserver-proxy"
  if ! grep -q -- "--refresh-interval" "\${proxy_args}"; then
    echo "--refresh-interval 0s" >> "\${proxy_args}"
  fi
  snap restart microk8s.daemon-apiserver-proxy
fi
sed -i '/address:/d' "\${provider}"
echo "        - address: '\${1}:\${2}'" >> "\${provider}"
`;
