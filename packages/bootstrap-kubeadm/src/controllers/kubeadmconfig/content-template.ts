/** A `contentFormat: Template` file that cannot be rendered; the message says where and why. */
export class ContentTemplateError extends Error {
  override readonly name = 'ContentTemplateError';
}

/** Values the templates of `contentFormat: Template` files see, as CABPK passes them. */
export interface ContentTemplateData {
  /** `{{ .controlPlane.version }}`: present when the Cluster's control plane reports `spec.version`. */
  controlPlane?: { version: string };
}

/** Rendered output is capped like upstream's (1 MiB). */
export const TEMPLATE_OUTPUT_LIMIT = 1024 * 1024;

const ACTION = /\{\{(-\s)?\s*([\s\S]*?)\s*(\s-)?\}\}/g;
const FIELD_CHAIN = /^(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function lookup(data: ContentTemplateData, chain: string, file: string): string {
  let value: unknown = data;
  for (const key of chain.slice(1).split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) {
      throw new ContentTemplateError(
        `file ${file}: template field ${chain} has no value` +
          (chain.startsWith('.controlPlane')
            ? ' (the Cluster has no controlPlaneRef, or its control plane has no spec.version)'
            : ''),
      );
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value !== 'string') throw new ContentTemplateError(`file ${file}: template field ${chain} is not a value`);
  return value;
}

/**
 * Renders a file's content as CABPK renders `contentFormat: Template` with Go's text/template, for the templates
 * its data supports: field references such as `{{ .controlPlane.version }}`, the `{{-`/`-}}` trim markers and
 * `{{/* comments *\/}}`. Other actions (pipelines, functions, `if`, `range`) are refused with a
 * {@link ContentTemplateError} rather than rendered differently.
 */
export function renderContentTemplate(content: string, data: ContentTemplateData, file: string): string {
  let out = '';
  let last = 0;
  for (const match of content.matchAll(ACTION)) {
    const [whole, trimLeft, body = '', trimRight] = match;
    let before = content.slice(last, match.index);
    if (trimLeft) before = before.trimEnd();
    out += before;
    last = match.index + whole.length;
    if (trimRight) {
      const rest = content.slice(last);
      last += rest.length - rest.trimStart().length;
    }
    if (body.startsWith('/*') && body.endsWith('*/')) continue;
    if (!FIELD_CHAIN.test(body)) {
      throw new ContentTemplateError(
        `file ${file}: template action {{ ${body} }} is not supported; only field references such as {{ .controlPlane.version }} are`,
      );
    }
    out += lookup(data, body, file);
  }
  out += content.slice(last);
  if (Buffer.byteLength(out, 'utf8') > TEMPLATE_OUTPUT_LIMIT) {
    throw new ContentTemplateError(`file ${file}: rendered template exceeds ${TEMPLATE_OUTPUT_LIMIT} bytes`);
  }
  return out;
}
