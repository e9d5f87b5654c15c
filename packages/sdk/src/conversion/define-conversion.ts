import type { KubeObject, ObjectMeta } from '../client/object.js';
import { type JsonObject, jsonClone, jsonEqual } from '../webhooks/json-value.js';
import { marshalData, unmarshalData } from './conversion-data.js';
import { restoreLostFields } from './restore-lost-fields.js';

/**
 * How one older API version (a spoke) converts to and from the hub version. The functions only need to map the
 * content (`spec`, `status`, ...): `apiVersion`, `kind` and `metadata` of the result are set by the conversion,
 * and the arguments are private copies that may be modified.
 *
 * Fields of the hub that `fromHub` cannot express are not lost: they travel in the
 * `cluster.x-k8s.io/conversion-data` annotation and come back on the way up. The hub must be able to represent
 * every spoke field (`fromHub(toHub(spoke))` must equal `spoke`); `expectLosslessRoundTrip` checks both directions.
 */
export interface SpokeConversion<Hub extends KubeObject, Spoke extends KubeObject = KubeObject> {
  /** `group/version` of the spoke, e.g. `infrastructure.cluster.x-k8s.io/v1alpha1`. */
  readonly apiVersion: string;
  toHub(spoke: Spoke): Hub;
  fromHub(hub: Hub): Spoke;
}

/** The definition of a hub-and-spoke conversion. */
export interface ConversionDefinition<Hub extends KubeObject> {
  /** The hub: the newest (usually storage) version, which every other version converts through. */
  readonly hub: { readonly apiVersion: string; readonly kind?: string };
  readonly spokes: ReadonlyArray<SpokeConversion<Hub>>;
}

/**
 * A hub-and-spoke conversion for one kind (controller-runtime's `Hub`/`Convertible`): any version converts to any
 * other through the hub. Serve it with `conversionWebhook`.
 */
export interface Conversion<Hub extends KubeObject = KubeObject> {
  readonly hubApiVersion: string;
  /** The kind it converts; when undefined, any kind with one of {@link apiVersions}. */
  readonly kind?: string;
  /** The hub's apiVersion first, then the spokes'. */
  readonly apiVersions: readonly string[];
  /** Whether this conversion converts objects of `kind` at `apiVersion`. */
  handles(apiVersion: string, kind: string | undefined): boolean;
  /**
   * Converts an object to `desiredApiVersion`. `metadata` is preserved except for the
   * `cluster.x-k8s.io/conversion-data` annotation, which the API server allows webhooks to change. An object already
   * at the desired version is returned as it is. Throws on unknown versions or a corrupt annotation.
   */
  convert(object: KubeObject, desiredApiVersion: string): KubeObject;
  /** Converts to the hub, restoring fields kept by an earlier down-conversion. */
  toHub(object: KubeObject): Hub;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function withoutMetadata(object: KubeObject): JsonObject {
  const { metadata: _ignored, ...content } = object;
  return content;
}

/** Gives a converted object its final identity: target apiVersion, the source's kind and metadata. */
function stamp<T extends KubeObject>(converted: T, apiVersion: string, kind: string | undefined, metadata: ObjectMeta) {
  return { ...converted, apiVersion, ...(kind === undefined ? {} : { kind }), metadata: jsonClone(metadata) } as T;
}

/**
 * Defines a hub-and-spoke conversion: every spoke converts to and from the hub, and spoke-to-spoke goes through the
 * hub. Down-conversions that drop hub fields store the hub in the `cluster.x-k8s.io/conversion-data` annotation
 * (CAPI's `MarshalData`); up-conversions restore what the spoke did not change and remove the annotation
 * (`UnmarshalData`), so round trips through older versions are lossless.
 *
 * @example
 * const widgets = defineConversion<WidgetV1alpha2>({
 *   hub: { apiVersion: 'example.com/v1alpha2', kind: 'Widget' },
 *   spokes: [{
 *     apiVersion: 'example.com/v1alpha1',
 *     toHub: (w: WidgetV1alpha1) => ({ ...w, spec: { title: w.spec.a } }),
 *     fromHub: (w) => ({ ...w, spec: { a: w.spec.title } }),
 *   }],
 * });
 */
export function defineConversion<Hub extends KubeObject>(definition: ConversionDefinition<Hub>): Conversion<Hub> {
  const hubApiVersion = definition.hub.apiVersion;
  const kind = definition.hub.kind;
  const spokes = new Map<string, SpokeConversion<Hub>>();
  for (const spoke of definition.spokes) {
    if (spoke.apiVersion === hubApiVersion || spokes.has(spoke.apiVersion)) {
      throw new Error(`conversion: apiVersion ${spoke.apiVersion} is defined twice`);
    }
    if (groupOf(spoke.apiVersion) !== groupOf(hubApiVersion)) {
      throw new Error(`conversion: ${spoke.apiVersion} is not in the group of the hub ${hubApiVersion}`);
    }
    spokes.set(spoke.apiVersion, spoke);
  }

  const spokeFor = (apiVersion: string | undefined): SpokeConversion<Hub> => {
    const spoke = apiVersion === undefined ? undefined : spokes.get(apiVersion);
    if (!spoke) throw new Error(`conversion${kind ? ` of ${kind}` : ''}: unknown apiVersion ${apiVersion}`);
    return spoke;
  };

  /** Plain up-conversion, without restoring anything. */
  const rawToHub = (spoke: SpokeConversion<Hub>, object: KubeObject): Hub =>
    stamp(spoke.toHub(jsonClone(object)), hubApiVersion, object.kind, object.metadata);

  /** Plain down-conversion, without storing anything. */
  const rawFromHub = (spoke: SpokeConversion<Hub>, hub: Hub): KubeObject =>
    stamp(spoke.fromHub(jsonClone(hub)), spoke.apiVersion, hub.kind, hub.metadata);

  /** The stored data as a hub object, whichever version it was written at (the hub may have moved on since). */
  const storedHub = (data: JsonObject, like: KubeObject): Hub => {
    const stored = { ...data, metadata: like.metadata } as KubeObject;
    if (stored.apiVersion === hubApiVersion) return stamp(stored as Hub, hubApiVersion, like.kind, like.metadata);
    return rawToHub(spokeFor(stored.apiVersion as string | undefined), stored);
  };

  const toHub = (object: KubeObject): Hub => {
    const { object: source, data } = unmarshalData(object);
    if (source.apiVersion === hubApiVersion) return source as Hub;
    const spoke = spokeFor(source.apiVersion);
    const current = rawToHub(spoke, source);
    if (!data) return current;
    const stored = storedHub(data, source);
    const base = rawToHub(spoke, rawFromHub(spoke, stored));
    const restored = restoreLostFields(withoutMetadata(current), withoutMetadata(base), withoutMetadata(stored));
    return stamp(restored as Hub, hubApiVersion, source.kind, source.metadata);
  };

  const fromHub = (hub: Hub, apiVersion: string): KubeObject => {
    const spoke = spokeFor(apiVersion);
    const { object: source } = unmarshalData(hub);
    const converted = rawFromHub(spoke, source);
    const lossless = jsonEqual(withoutMetadata(rawToHub(spoke, converted)), withoutMetadata(source));
    return lossless ? converted : marshalData(source, converted);
  };

  return {
    hubApiVersion,
    kind,
    apiVersions: [hubApiVersion, ...spokes.keys()],
    handles: (apiVersion, objectKind) =>
      (kind === undefined || kind === objectKind) && (apiVersion === hubApiVersion || spokes.has(apiVersion)),
    toHub,
    convert(object, desiredApiVersion) {
      if (object.apiVersion === desiredApiVersion) return object;
      if (desiredApiVersion !== hubApiVersion) spokeFor(desiredApiVersion);
      const hub = toHub(object);
      return desiredApiVersion === hubApiVersion ? hub : fromHub(hub, desiredApiVersion);
    },
  };
}
