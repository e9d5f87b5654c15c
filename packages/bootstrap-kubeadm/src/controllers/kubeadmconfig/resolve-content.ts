import { builtin, type ObjectReader, secretValue } from '@capi-ts/sdk';
import type { KubeadmFile, KubeadmUser } from '../../api/v1beta2/index.js';
import type { ResolvedFile, ResolvedUser } from '../../cloudinit/index.js';
import { type ContentTemplateData, renderContentTemplate } from './content-template.js';

/** A `contentFrom`/`passwdFrom` Secret or key that does not exist; the message names it. */
export class MissingSecretContentError extends Error {
  override readonly name = 'MissingSecretContentError';
}

async function secretKey(
  reader: ObjectReader,
  namespace: string,
  ref: { name: string; key: string },
  what: string,
): Promise<string> {
  const secret = await reader.get(builtin.secret, { namespace, name: ref.name });
  if (!secret) throw new MissingSecretContentError(`${what}: Secret ${namespace}/${ref.name} does not exist`);
  const value = secretValue(secret, ref.key);
  if (value === undefined) {
    throw new MissingSecretContentError(`${what}: Secret ${namespace}/${ref.name} has no key "${ref.key}"`);
  }
  return value.toString('utf8');
}

/**
 * The files with their content resolved as CABPK does: `contentFrom.secret` read from the config's namespace,
 * `contentFormat: Template` rendered (and dropped from the output), everything else unchanged.
 */
export async function resolveFiles(
  reader: ObjectReader,
  namespace: string,
  files: readonly KubeadmFile[] | undefined,
  templateData: ContentTemplateData,
): Promise<ResolvedFile[]> {
  const resolved: ResolvedFile[] = [];
  for (const file of files ?? []) {
    const { contentFrom, contentFormat, content, ...rest } = file;
    let text = contentFrom
      ? await secretKey(reader, namespace, contentFrom.secret, `file ${file.path}`)
      : (content ?? '');
    if (contentFormat === 'Template') text = renderContentTemplate(text, templateData, file.path);
    resolved.push({ ...rest, content: text });
  }
  return resolved;
}

/** The users with `passwdFrom.secret` read from the config's namespace into `passwd`. */
export async function resolveUsers(
  reader: ObjectReader,
  namespace: string,
  users: readonly KubeadmUser[] | undefined,
): Promise<ResolvedUser[] | undefined> {
  if (!users) return undefined;
  const resolved: ResolvedUser[] = [];
  for (const user of users) {
    const { passwdFrom, ...rest } = user;
    resolved.push(
      passwdFrom
        ? { ...rest, passwd: await secretKey(reader, namespace, passwdFrom.secret, `user ${user.name}`) }
        : rest,
    );
  }
  return resolved;
}
