import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
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
      const problems: string[] = [];
      for (const [path, facts] of Object.entries(version.properties)) {
        const mineAt = myVersion?.properties[path];
        if (!mineAt) {
          problems.push(`${path}: missing`);
          continue;
        }
        if (mineAt.type !== facts.type) problems.push(`${path}: type ${mineAt.type}, upstream ${facts.type}`);
        if (JSON.stringify(mineAt.enum) !== JSON.stringify(facts.enum))
          problems.push(`${path}: enum ${JSON.stringify(mineAt.enum)}, upstream ${JSON.stringify(facts.enum)}`);
        if (!isDeepStrictEqual(mineAt.default, facts.default))
          problems.push(
            `${path}: default ${JSON.stringify(mineAt.default)}, upstream ${JSON.stringify(facts.default)}`,
          );
        for (const rule of facts.rules ?? []) {
          if (!mineAt.rules?.some((r) => r.rule === rule.rule && r.message === rule.message))
            problems.push(`${path}: CEL rule missing: ${rule.rule}`);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
