import { parseAllDocuments, parse as parseYaml } from 'yaml';

// What differs between two correct bootstrap data Secrets by construction: generated bootstrap tokens, certificates
// and keys, and the CA pins derived from them. Each is replaced by a placeholder of the same shape, so the rest can
// be compared exactly.

const TOKEN = /\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g;
const CA_HASH = /sha256:[0-9a-f]{64}/g;
const PEM = /-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g;

/** Text with tokens, CA pins and PEM bodies replaced by `<token>`, `<ca-hash>` and `<PEM TYPE>`. */
export function normaliseText(text: string): string {
  return text
    .replace(PEM, (_m, type: string) => `<${type}>`)
    .replace(TOKEN, '<token>')
    .replace(CA_HASH, '<ca-hash>');
}

/** A cloud-config, parsed after normalisation, with its embedded kubeadm documents parsed too. */
export function normaliseCloudConfig(value: string): unknown {
  const config = parseYaml(normaliseText(value)) as { write_files?: { path: string; content: string }[] };
  for (const file of config.write_files ?? []) {
    if (file.path.startsWith('/run/kubeadm/')) {
      (file as Record<string, unknown>).content = parseAllDocuments(file.content).map((d) => d.toJS());
    }
  }
  return config;
}

function decodeDataUrl(source: string): string {
  const comma = source.indexOf(',');
  const meta = source.slice(5, comma);
  const data = source.slice(comma + 1);
  return meta.endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data);
}

/** An Ignition config with its data-URL file contents decoded and normalised. */
export function normaliseIgnition(value: string): unknown {
  const config = JSON.parse(value) as { storage?: { files?: { contents?: { source?: string } }[] } };
  for (const file of config.storage?.files ?? []) {
    if (file.contents?.source?.startsWith('data:'))
      file.contents.source = normaliseText(decodeDataUrl(file.contents.source));
  }
  return config;
}
