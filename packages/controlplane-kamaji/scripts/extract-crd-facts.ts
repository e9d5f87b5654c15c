/**
 * Reads upstream CRD YAML files and writes their compatibility facts (see `test/support/schema-facts.ts`) to a
 * fixture, merging the versions of one CRD found in several files (upstream v0.19 ships v1alpha1, v0.20
 * v1alpha2). Usage: `tsx scripts/extract-crd-facts.ts <fixture name> <crd.yaml>...`, e.g.
 * `upstream-crd-facts` for the provider's CRDs and `kamaji-crd-facts` for Kamaji's TenantControlPlane.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type CrdFacts, crdFacts } from '../test/support/schema-facts.js';

const byName = new Map<string, CrdFacts>();
const [fixture, ...files] = process.argv.slice(2);
if (!fixture || files.length === 0) throw new Error('usage: extract-crd-facts <fixture name> <crd.yaml>...');
for (const file of files) {
  const facts = crdFacts(parse(readFileSync(file, 'utf8')));
  const known = byName.get(facts.name);
  if (known) known.versions.push(...facts.versions);
  else byName.set(facts.name, facts);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(here, '..', 'test', 'fixtures', `${fixture}.json`);
writeFileSync(target, `${JSON.stringify([...byName.values()], null, 1)}\n`);
process.stdout.write(`wrote ${target}\n`);
