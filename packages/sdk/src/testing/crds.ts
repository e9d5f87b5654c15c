import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isAlreadyExists } from '../client/errors.js';
import type { KubeObject } from '../client/object.js';
import { type ResourceType, resourceType } from '../client/resource-type.js';
import type { KubeTransport } from '../client/transport.js';
import { readWatchEvents } from '../client/watch-events.js';

/** A CRD to install: a YAML file, a folder of YAML files, or the object itself. */
export type CrdSource = string | KubeObject;

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/** Reads every CustomResourceDefinition from the given sources (other kinds in the files are ignored). */
export function loadCrds(sources: CrdSource[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const source of sources) {
    if (typeof source !== 'string') {
      out.push(source);
      continue;
    }
    const files = statSync(source).isDirectory()
      ? readdirSync(source)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(source, f))
      : [source];
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
        const obj = doc.toJS() as KubeObject | null;
        if (obj?.kind === 'CustomResourceDefinition') out.push(obj);
      }
    }
  }
  return out;
}

/** The resource types the CRDs serve: one per served version of each, to read and write their objects in tests. */
export function servedResourceTypes(crds: readonly KubeObject[]): ResourceType[] {
  return crds.flatMap((crd) => {
    const spec = crd.spec as {
      group: string;
      scope: string;
      names: { kind: string; plural: string };
      versions: { name: string; served: boolean }[];
    };
    return spec.versions
      .filter((version) => version.served)
      .map((version) =>
        resourceType(`${spec.group}/${version.name}`, spec.names.kind, spec.names.plural, spec.scope === 'Namespaced'),
      );
  });
}

/** Creates (or updates) the CRDs and waits until each one is Established and its names accepted. */
export async function installCrds(transport: KubeTransport, sources: CrdSource[], timeoutMs = 60_000): Promise<void> {
  const crds = loadCrds(sources);
  await Promise.all(crds.map((crd) => applyCrd(transport, crd)));
  await Promise.all(crds.map((crd) => waitEstablished(transport, crd.metadata.name ?? '', timeoutMs)));
}

async function applyCrd(transport: KubeTransport, crd: KubeObject): Promise<void> {
  const body = { ...crd, metadata: { ...crd.metadata, resourceVersion: undefined } };
  try {
    await transport.request({ method: 'POST', path: CRD_PATH, body });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const current = await transport.request<KubeObject>({ method: 'GET', path: `${CRD_PATH}/${crd.metadata.name}` });
    const update = { ...body, metadata: { ...body.metadata, resourceVersion: current.metadata.resourceVersion } };
    await transport.request({ method: 'PUT', path: `${CRD_PATH}/${crd.metadata.name}`, body: update });
  }
}

interface CrdStatus {
  conditions?: Array<{ type: string; status: string }>;
}

function isEstablished(crd: KubeObject): boolean {
  const conditions = (crd.status as CrdStatus | undefined)?.conditions ?? [];
  const holds = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  return holds('Established') && holds('NamesAccepted');
}

async function waitEstablished(transport: KubeTransport, name: string, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  const stream = await transport.stream({
    method: 'GET',
    path: CRD_PATH,
    query: { watch: 'true', fieldSelector: `metadata.name=${name}` },
    signal,
  });
  try {
    for await (const event of readWatchEvents(stream)) {
      if (event.type !== 'ERROR' && event.type !== 'DELETED' && isEstablished(event.object)) return;
    }
  } catch (err) {
    if (signal.aborted) throw new Error(`CRD ${name} was not Established within ${timeoutMs} ms`);
    throw err;
  } finally {
    stream.destroy();
  }
  throw new Error(`watch on CRD ${name} ended before it was Established`);
}
