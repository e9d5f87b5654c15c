// Snap store access: an HTTP(S) proxy for snapd, and an enterprise snap store proxy.

/** `$1` HTTP proxy, `$2` HTTPS proxy: snapd reaches the store through them when set. */
export const configureSnapstoreHttpProxy = `#!/bin/bash -xe
# Usage: $0 <http-proxy> <https-proxy>
if [ -n "\${1}" ]; then
  snap set system proxy.http="\${1}"
fi
if [ -n "\${2}" ]; then
  snap set system proxy.https="\${2}"
fi
`;

/** `$1` scheme, `$2` domain, `$3` store ID: trust the proxy's assertions and use it as the store. */
export const configureSnapstoreProxy = `#!/bin/bash -xe
# Usage: $0 <scheme> <domain> <store-id>
if [ -z "\${1}" ] || [ -z "\${2}" ] || [ -z "\${3}" ]; then
  echo "no snap store proxy configured"
  exit 0
fi
if ! command -v curl >/dev/null 2>&1; then
  while ! (apt-get update && apt-get install -y curl); do
    echo "could not install curl, retrying"
    sleep 5
  done
fi
while ! curl -sL "\${1}://\${2}/v2/auth/store/assertions" | snap ack /dev/stdin; do
  echo "could not fetch the store assertions, retrying"
  sleep 5
done
while ! snap set core proxy.store="\${3}"; do
  echo "could not set the store proxy, retrying"
  sleep 5
done
systemctl restart snapd
`;
