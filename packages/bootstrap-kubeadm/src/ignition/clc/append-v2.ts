// Ignition 2.3's `Append` (flatcar/ignition `config/v2_3`), which CABPK uses to merge the additional Container
// Linux Config into the generated one, over the configs as plain JSON.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `additional` appended to `base` as Ignition 2.3's `Append` does: lists are concatenated (base's items first, so
 * nothing is replaced or deduplicated: a unit of the same name is listed twice and the node applies both in order),
 * objects are merged field by field, any other value is taken from `additional` when it sets one.
 * `ignition.version` stays the base's and `ignition.config` is the additional config's.
 */
export function appendIgnitionV2(base: Json, additional: Json): Json {
  const result = appendObject(base, additional);
  const ignition: Json = {
    ...(result.ignition as Json),
    config: (additional.ignition as Json | undefined)?.config ?? {},
    version: (base.ignition as Json).version,
  };
  return { ...result, ignition };
}

function appendObject(base: Json, additional: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(additional)) {
    const old = out[key];
    if (Array.isArray(old) && Array.isArray(value)) out[key] = [...old, ...value];
    else if (isObject(old) && isObject(value)) out[key] = appendObject(old, value);
    else if (value !== undefined) out[key] = value;
  }
  return out;
}
