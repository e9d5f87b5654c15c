import fc from 'fast-check';
import type { KubeObject, ObjectMeta } from '../client/object.js';
import { createJsonPatch } from '../webhooks/json-patch.js';
import { jsonClone, jsonEqual } from '../webhooks/json-value.js';
import { CONVERSION_DATA_ANNOTATION } from './conversion-data.js';
import type { Conversion } from './define-conversion.js';

/**
 * Generators of objects for {@link expectLosslessRoundTrip}: one for the hub and one per spoke apiVersion. The
 * generated `apiVersion` (and `kind`, when the conversion names one) is overwritten; `metadata` defaults to a
 * name in `default`.
 */
export interface RoundTripArbitraries {
  hub: fc.Arbitrary<Partial<KubeObject>>;
  spokes: Record<string, fc.Arbitrary<Partial<KubeObject>>>;
}

/** Options of {@link expectLosslessRoundTrip}. */
export interface RoundTripOptions {
  /** Objects generated per direction and spoke. Default 1000 (CAPI fuzzes 10 000). */
  numRuns?: number;
  /** Replays a failure that fast-check reported. */
  seed?: number;
}

function complete(conversion: Conversion, apiVersion: string, generated: Partial<KubeObject>): KubeObject {
  const object = {
    ...generated,
    apiVersion,
    ...(conversion.kind === undefined ? {} : { kind: conversion.kind }),
    metadata: generated.metadata ?? { name: 'round-trip', namespace: 'default' },
  } as KubeObject;
  return jsonClone(object);
}

/** The object without the conversion-data annotation (and without an `annotations` map left empty). */
function withoutConversionData(object: KubeObject): KubeObject {
  const { [CONVERSION_DATA_ANNOTATION]: _data, ...annotations } = object.metadata.annotations ?? {};
  const metadata: ObjectMeta = { ...object.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...object, metadata };
}

/** Converts as the API server would see it: through JSON on both sides. */
function convertOverTheWire(conversion: Conversion, object: KubeObject, apiVersion: string): KubeObject {
  const converted = jsonClone(conversion.convert(jsonClone(object), apiVersion));
  if (converted.apiVersion !== apiVersion) {
    throw new Error(`converting to ${apiVersion} produced apiVersion ${converted.apiVersion}`);
  }
  if (!jsonEqual(withoutConversionData(converted).metadata, withoutConversionData(object).metadata)) {
    throw new Error(`converting ${object.apiVersion} to ${apiVersion} changed metadata (the API server rejects that)`);
  }
  return converted;
}

function expectSame(what: string, before: KubeObject, after: KubeObject): void {
  const expected = withoutConversionData(before);
  const actual = withoutConversionData(after);
  if (jsonEqual(expected, actual)) return;
  const difference = JSON.stringify(createJsonPatch(expected, actual));
  throw new Error(`${what} is not lossless; JSON Patch from the original to the result: ${difference}`);
}

/**
 * Property-based check that a conversion loses nothing, the counterpart of CAPI's `FuzzTestFunc`: for every spoke,
 * spoke→hub→spoke and hub→spoke→hub must give back the original object (ignoring the conversion-data annotation,
 * as CAPI does), and no conversion may change `metadata` beyond that annotation. Objects pass through JSON on
 * each hop, as over the wire. Throws fast-check's report, with the smallest counterexample, on failure.
 */
export function expectLosslessRoundTrip(
  conversion: Conversion,
  arbitraries: RoundTripArbitraries,
  options: RoundTripOptions = {},
): void {
  const parameters = {
    numRuns: options.numRuns ?? 1000,
    includeErrorInReport: true,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const hubVersion = conversion.hubApiVersion;
  for (const spokeVersion of conversion.apiVersions.filter((v) => v !== hubVersion)) {
    const spokes = arbitraries.spokes[spokeVersion];
    if (!spokes) throw new Error(`expectLosslessRoundTrip: no arbitrary for spoke ${spokeVersion}`);
    fc.assert(
      fc.property(spokes, (generated) => {
        const spoke = complete(conversion, spokeVersion, generated);
        const hub = convertOverTheWire(conversion, spoke, hubVersion);
        expectSame(
          `${spokeVersion}→${hubVersion}→${spokeVersion}`,
          spoke,
          convertOverTheWire(conversion, hub, spokeVersion),
        );
      }),
      parameters,
    );
    fc.assert(
      fc.property(arbitraries.hub, (generated) => {
        const hub = complete(conversion, hubVersion, generated);
        const spoke = convertOverTheWire(conversion, hub, spokeVersion);
        expectSame(
          `${hubVersion}→${spokeVersion}→${hubVersion}`,
          hub,
          convertOverTheWire(conversion, spoke, hubVersion),
        );
      }),
      parameters,
    );
  }
}
