import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { CrdConversion, CrdVersion, CustomResourceDefinition, WebhookClientConfig } from './crd-types.js';
import type { ResourceDefinition } from './define-resource.js';

/** A resource version of any schema, as accepted by {@link defineCustomResourceDefinition}. */
// biome-ignore lint/suspicious/noExplicitAny: accepts definitions of every spec and status schema
export type AnyResourceDefinition = ResourceDefinition<z.ZodType, any>;

/**
 * The Cluster API contract versions this CRD implements, each mapped to the CRD versions that implement it,
 * e.g. `{ v1beta2: ['v1alpha2'] }`, or `{ v1beta1: ['v1beta1'], v1beta2: ['v1beta2'] }` during a transition.
 */
export type ContractVersions = Record<string, string[]>;

/** How the API server converts between versions: none (only `apiVersion` changes) or a conversion webhook. */
export type ConversionOptions =
  | { strategy: 'None' }
  | {
      strategy: 'Webhook';
      /** The in-cluster Service of the webhook server; give this or `url`. */
      service?: { namespace: string; name: string; path?: string; port?: number };
      url?: string;
      /** PEM CA bundle, base64; usually injected later (cert-manager's `cert-manager.io/inject-ca-from`). */
      caBundle?: string;
      /** Default `['v1']`. */
      conversionReviewVersions?: string[];
    };

/** What {@link defineCustomResourceDefinition} assembles into one CRD. */
export interface CustomResourceDefinitionOptions {
  /** Every version of the kind (all with the same group, kind, names and scope). */
  versions: AnyResourceDefinition[];
  /** Cluster API contract labels (`cluster.x-k8s.io/<contract>: <version>_<version>`). */
  contract?: ContractVersions;
  /** Omitted: strategy None, the API server default. */
  conversion?: ConversionOptions;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const CONTRACT_LABEL_PREFIX = 'cluster.x-k8s.io/';
const CONTRACT_VERSION = /^v\d+((alpha|beta)\d+)?$/;

/**
 * Assembles the apiextensions.k8s.io/v1 CustomResourceDefinition of a kind from its versions: name
 * `<plural>.<group>`, names, scope, one `spec.versions` entry per version (schema, subresources, printer columns,
 * served/storage/deprecation), Cluster API contract labels and the conversion stanza. Checks that the versions
 * agree on names and scope, that version names are unique, that exactly one is the storage version (the only
 * version is the storage version by default), that at least one is served, and that contract labels point at
 * served versions. Throws an `Error` listing every problem.
 */
export function defineCustomResourceDefinition(options: CustomResourceDefinitionOptions): CustomResourceDefinition {
  const { versions } = options;
  const first = versions[0];
  if (!first) throw new Error('defineCustomResourceDefinition: at least one version is required');
  const problems = [
    ...sameIdentity(versions),
    ...uniqueVersionNames(versions),
    ...storageProblems(versions),
    ...(versions.some((v) => v.served) ? [] : ['no version is served']),
    ...contractProblems(options.contract ?? {}, versions),
    ...conversionProblems(options.conversion),
  ];
  const name = `${first.plural}.${first.group}`;
  if (problems.length > 0) throw new Error(`CRD ${name}: ${problems.join('; ')}`);

  const labels = { ...options.labels, ...contractLabels(options.contract ?? {}) };
  const onlyVersion = versions.length === 1;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(options.annotations && Object.keys(options.annotations).length > 0
        ? { annotations: { ...options.annotations } }
        : {}),
    },
    spec: {
      group: first.group,
      names: structuredClone(first.names),
      scope: first.scope,
      versions: versions.map((v) => crdVersion(v, v.storage ?? onlyVersion)),
      ...(options.conversion ? { conversion: conversionStanza(options.conversion) } : {}),
    },
  };
}

/** The Cluster API contract labels for a CRD, e.g. `{ 'cluster.x-k8s.io/v1beta2': 'v1alpha2' }`. */
export function contractLabels(contract: ContractVersions): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [contractVersion, crdVersions] of Object.entries(contract)) {
    labels[`${CONTRACT_LABEL_PREFIX}${contractVersion}`] = crdVersions.join('_');
  }
  return labels;
}

function crdVersion(definition: AnyResourceDefinition, storage: boolean): CrdVersion {
  return {
    name: definition.version,
    served: definition.served,
    storage,
    ...(definition.deprecated ? { deprecated: true } : {}),
    ...(definition.deprecationWarning ? { deprecationWarning: definition.deprecationWarning } : {}),
    schema: { openAPIV3Schema: structuredClone(definition.openApiSchema) },
    ...(definition.subresources ? { subresources: structuredClone(definition.subresources) } : {}),
    ...(definition.printerColumns.length > 0
      ? { additionalPrinterColumns: structuredClone(definition.printerColumns) }
      : {}),
  };
}

function sameIdentity(versions: AnyResourceDefinition[]): string[] {
  const [first, ...rest] = versions;
  const problems: string[] = [];
  for (const other of rest) {
    for (const field of ['group', 'kind', 'scope', 'names'] as const) {
      if (!isDeepStrictEqual(first?.[field], other[field])) {
        problems.push(`version ${other.version} has a different ${field} than ${first?.version}`);
      }
    }
  }
  return problems;
}

function uniqueVersionNames(versions: AnyResourceDefinition[]): string[] {
  const names = versions.map((v) => v.version);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  return duplicates.length > 0 ? [`version ${[...new Set(duplicates)].join(', ')} is listed more than once`] : [];
}

function storageProblems(versions: AnyResourceDefinition[]): string[] {
  if (versions.length === 1 && versions[0]?.storage !== false) return [];
  const storage = versions.filter((v) => v.storage === true).map((v) => v.version);
  if (storage.length === 1) return [];
  const found = storage.length === 0 ? 'none' : storage.join(', ');
  return [`exactly one version must set storage: true (found: ${found})`];
}

function contractProblems(contract: ContractVersions, versions: AnyResourceDefinition[]): string[] {
  const problems: string[] = [];
  for (const [contractVersion, crdVersions] of Object.entries(contract)) {
    if (!CONTRACT_VERSION.test(contractVersion)) {
      problems.push(`contract "${contractVersion}" is not a Kubernetes version such as v1beta2`);
    }
    if (crdVersions.length === 0) problems.push(`contract ${contractVersion} lists no CRD version`);
    for (const version of crdVersions) {
      const definition = versions.find((v) => v.version === version);
      if (!definition) problems.push(`contract ${contractVersion} names version ${version}, which the CRD lacks`);
      else if (!definition.served) problems.push(`contract ${contractVersion} names version ${version}, not served`);
    }
  }
  return problems;
}

function conversionProblems(conversion: ConversionOptions | undefined): string[] {
  if (conversion?.strategy !== 'Webhook') return [];
  const targets = (conversion.service ? 1 : 0) + (conversion.url ? 1 : 0);
  return targets === 1 ? [] : ['a conversion webhook needs exactly one of service or url'];
}

function conversionStanza(conversion: ConversionOptions): CrdConversion {
  if (conversion.strategy === 'None') return { strategy: 'None' };
  const clientConfig: WebhookClientConfig = {
    ...(conversion.service ? { service: { ...conversion.service } } : {}),
    ...(conversion.url ? { url: conversion.url } : {}),
    ...(conversion.caBundle ? { caBundle: conversion.caBundle } : {}),
  };
  return {
    strategy: 'Webhook',
    webhook: { clientConfig, conversionReviewVersions: [...(conversion.conversionReviewVersions ?? ['v1'])] },
  };
}
