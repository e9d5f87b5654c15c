import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tenantControlPlaneCrd } from './support/kamaji-crds.js';
import { type CrdFacts, crdFacts } from './support/schema-facts.js';

// The provider's model of Kamaji's TenantControlPlane (src/kamaji/tenant-control-plane.ts) must be a faithful
// subset of Kamaji's CRD: every path it declares exists there with the same type, enum and default. Facts
// extracted from Kamaji's CRD by scripts/extract-crd-facts.ts.
const [kamaji] = JSON.parse(
  readFileSync(new URL('./fixtures/kamaji-crd-facts.json', import.meta.url), 'utf8'),
) as CrdFacts[];
const ours = crdFacts(tenantControlPlaneCrd);

describe('TenantControlPlane model', () => {
  it("has Kamaji's names, scope and scale subresource", () => {
    expect(ours.name).toBe(kamaji?.name);
    expect(ours.scope).toBe(kamaji?.scope);
    expect(ours.versions[0]?.subresources).toEqual(kamaji?.versions[0]?.subresources);
  });

  it("declares only paths of Kamaji's schema, with the same type, enum and default", () => {
    const theirs = kamaji?.versions[0]?.properties ?? {};
    const problems: string[] = [];
    for (const [path, facts] of Object.entries(ours.versions[0]?.properties ?? {})) {
      if (path === '.' || path === '.metadata' || path === '.apiVersion' || path === '.kind') continue;
      const upstream = theirs[path];
      if (!upstream) {
        problems.push(`${path}: not in Kamaji's CRD`);
        continue;
      }
      if (facts.type !== upstream.type) problems.push(`${path}: type ${facts.type}, Kamaji ${upstream.type}`);
      if (!isDeepStrictEqual(facts.enum, upstream.enum)) problems.push(`${path}: enum differs`);
      if (!isDeepStrictEqual(facts.default, upstream.default))
        problems.push(`${path}: default ${JSON.stringify(facts.default)}, Kamaji ${JSON.stringify(upstream.default)}`);
      for (const rule of facts.rules ?? []) {
        if (!upstream.rules?.some((r) => r.rule === rule.rule))
          problems.push(`${path}: CEL rule not in Kamaji: ${rule.rule}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
