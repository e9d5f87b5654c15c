import type { KubeObject, ObjectMeta } from '../client/object.js';
import { isJsonObject, type JsonObject } from '../webhooks/json-value.js';

/**
 * The annotation in which a down-converted object keeps the fields its version cannot represent, as Cluster API
 * does (`sigs.k8s.io/cluster-api/util/conversion.DataAnnotation`). Its value is the JSON of the hub object
 * without its `metadata`.
 */
export const CONVERSION_DATA_ANNOTATION = 'cluster.x-k8s.io/conversion-data';

/**
 * Returns `destination` with `source` (minus its `metadata`) stored as JSON in the
 * {@link CONVERSION_DATA_ANNOTATION} annotation, like CAPI's `utilconversion.MarshalData`. Does not modify its
 * arguments.
 */
export function marshalData<T extends KubeObject>(source: KubeObject, destination: T): T {
  const { metadata: _ignored, ...data } = source;
  const annotations = { ...destination.metadata.annotations, [CONVERSION_DATA_ANNOTATION]: JSON.stringify(data) };
  return { ...destination, metadata: { ...destination.metadata, annotations } };
}

/**
 * Takes the data {@link marshalData} stored out of an object, like CAPI's `utilconversion.UnmarshalData`: returns
 * the object without the annotation (and without an `annotations` map left empty) and the stored data, if any.
 * Does not modify its argument; throws when the annotation does not hold a JSON object.
 */
export function unmarshalData<T extends KubeObject>(object: T): { object: T; data?: JsonObject } {
  const annotations = object.metadata.annotations;
  if (!annotations || !Object.hasOwn(annotations, CONVERSION_DATA_ANNOTATION)) return { object };
  const { [CONVERSION_DATA_ANNOTATION]: text, ...rest } = annotations;
  let data: unknown;
  try {
    data = JSON.parse(text ?? '');
  } catch (error) {
    throw new Error(`annotation ${CONVERSION_DATA_ANNOTATION} is not JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(data)) throw new Error(`annotation ${CONVERSION_DATA_ANNOTATION} does not hold a JSON object`);
  const metadata: ObjectMeta = { ...object.metadata, annotations: rest };
  if (Object.keys(rest).length === 0) delete metadata.annotations;
  return { object: { ...object, metadata }, data };
}
