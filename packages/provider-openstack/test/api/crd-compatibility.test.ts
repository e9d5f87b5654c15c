import { readFileSync } from 'node:fs';
import { schemaCompatibilityProblems } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { openStackCrds } from '../../src/api/crds.js';
import { type CrdFacts, crdFacts } from './support/crd-facts.js';

// Facts of CAPO v0.14.7's CRDs, written by support/extract-upstream-facts.ts.
const upstream: CrdFacts[] = JSON.parse(
  readFileSync(new URL('./fixtures/upstream-crd-facts.json', import.meta.url), 'utf8'),
);
const ours = new Map(openStackCrds.map((crd) => [crd.metadata.name, crdFacts(crd)]));

it('defines exactly the upstream CRDs', () => {
  expect([...ours.keys()].sort()).toEqual(upstream.map((crd) => crd.name).sort());
});

describe.each(upstream.flatMap((crd) => crd.versions.map((version) => ({ crd, version }))))(
  '$crd.name $version.name',
  ({ crd, version }) => {
    const mine = ours.get(crd.name);
    const myVersion = mine?.versions.find((v) => v.name === version.name);

    it('has the same names, scope, labels, served/storage, printer columns and subresources', () => {
      expect(mine?.names).toEqual(crd.names);
      expect(mine?.scope).toBe(crd.scope);
      expect(mine?.labels).toEqual(crd.labels);
      expect(mine?.versions.map((v) => v.name)).toEqual(crd.versions.map((v) => v.name));
      expect([myVersion?.served, myVersion?.storage]).toEqual([version.served, version.storage]);
      expect(myVersion?.printerColumns).toEqual(version.printerColumns);
      expect(myVersion?.subresources).toEqual(version.subresources);
    });

    it('has every upstream path with the same type, enum, default, format, minimum, required and CEL rules', () => {
      const problems = schemaCompatibilityProblems(myVersion?.properties ?? {}, version.properties);
      // The SDK requires `spec` at the root when the spec schema has required fields; upstream leaves it optional
      // (an object without spec then fails the webhooks and controllers instead).
      const rootSpecRequired = `.: required ["spec"], upstream undefined`;
      expect(problems.filter((p) => p !== rootSpecRequired)).toEqual([]);
    });

    it('adds no path upstream lacks', () => {
      const extra = Object.keys(myVersion?.properties ?? {}).filter((path) => !(path in version.properties));
      expect(extra).toEqual([]);
    });

    it('has the same bounds, patterns, list types and map types as upstream', () => {
      expect(myVersion?.keywords).toEqual(version.keywords);
    });
  },
);
