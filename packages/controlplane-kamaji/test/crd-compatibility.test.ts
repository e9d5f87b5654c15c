import { readFileSync } from 'node:fs';
import { schemaCompatibilityProblems } from '@capi-ts/sdk/testing';
import { describe, expect, it } from 'vitest';
import { kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd } from '../src/api/crds.js';
import { type CrdFacts, crdFacts } from './support/schema-facts.js';

// Facts extracted from the upstream provider's CRDs (v0.19.0 for v1alpha1, v0.20.0 for v1alpha2) by
// scripts/extract-crd-facts.ts.
const upstream: CrdFacts[] = JSON.parse(
  readFileSync(new URL('./fixtures/upstream-crd-facts.json', import.meta.url), 'utf8'),
);
const ours = new Map(
  [kamajiControlPlaneCrd, kamajiControlPlaneTemplateCrd].map((crd) => [crd.metadata.name, crdFacts(crd)]),
);

describe.each(upstream.flatMap((crd) => crd.versions.map((version) => ({ crd, version }))))(
  '$crd.name $version.name matches upstream',
  ({ crd, version }) => {
    const mine = ours.get(crd.name);
    const myVersion = mine?.versions.find((v) => v.name === version.name);

    it('exists with the same names, scope, printer columns and subresources', () => {
      expect(mine?.names).toEqual(crd.names);
      expect(mine?.scope).toBe(crd.scope);
      expect(myVersion?.subresources).toEqual(version.subresources);
      expect(myVersion?.printerColumns).toEqual(version.printerColumns);
    });

    it('has every upstream property path with the same type, enum, default and CEL rules', () => {
      const problems = schemaCompatibilityProblems(myVersion?.properties ?? {}, version.properties, {
        compare: ['type', 'enum', 'default'],
        forbidNewRestrictions: false,
      });
      expect(problems).toEqual([]);
    });
  },
);
