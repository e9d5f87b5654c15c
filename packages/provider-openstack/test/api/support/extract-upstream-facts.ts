/**
 * Writes `test/api/fixtures/upstream-crd-facts.json` from CAPO's CRD files (v0.14.7 `config/crd/bases`, with
 * the contract label its kustomization adds). Usage:
 * `tsx --conditions=source test/api/support/extract-upstream-facts.ts <crd.yaml>...`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { crdFacts } from './crd-facts.js';

const CONTRACT_LABEL = { 'cluster.x-k8s.io/v1beta1': 'v1beta1' };

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: extract-upstream-facts <crd.yaml>...');
const facts = files
  .map((file) => crdFacts(parse(readFileSync(file, 'utf8'))))
  .map((crd) => ({ ...crd, labels: { ...crd.labels, ...CONTRACT_LABEL } }))
  .sort((a, b) => a.name.localeCompare(b.name));
const target = new URL('../fixtures/upstream-crd-facts.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(facts, null, 1)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
