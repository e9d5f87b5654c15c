import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, builtin, isInvalid, KubeClient, type KubeObject, resourcePath } from '../../src/client/index.js';
import {
  celRule,
  defineCustomResourceDefinition,
  defineResource,
  embeddedResource,
  type InferResource,
  intOrString,
  listType,
  preserveUnknownFields,
} from '../../src/resource/index.js';
import { startTestEnvironment, type TestEnvironment } from '../../src/testing/index.js';

const group = 'example.capi-ts.dev';
const common = {
  group,
  kind: 'Widget',
  plural: 'widgets',
  shortNames: ['wdg'],
  categories: ['cluster-api'],
  scope: 'Namespaced' as const,
};

const WidgetV1alpha1 = defineResource({
  ...common,
  version: 'v1alpha1',
  deprecated: true,
  deprecationWarning: 'example.capi-ts.dev/v1alpha1 Widget is deprecated; use v1alpha2',
  spec: z.object({ replicas: z.int32().optional(), image: z.string() }),
});

const WidgetV1alpha2 = defineResource({
  ...common,
  version: 'v1alpha2',
  storage: true,
  description: 'A Widget runs some replicas of an image.',
  spec: z.object({
    replicas: z.int32().min(0).default(1).describe('How many replicas to run.'),
    image: z.string().regex(/^[a-z0-9./:-]+$/),
    mode: z.enum(['Fast', 'Safe']).default('Safe'),
    maxSurge: intOrString().optional(),
    ports: listType(z.array(z.object({ name: z.string(), port: z.int32().min(1).max(65535) })), 'map', [
      'name',
    ]).optional(),
    clusterName: celRule(z.string(), 'self == oldSelf', 'clusterName is immutable').optional(),
    template: embeddedResource().optional(),
    note: z.string().nullable().optional(),
    settings: preserveUnknownFields().optional(),
    limits: z.object({ cpu: z.string().default('1'), memory: z.string().optional() }).default({ cpu: '1' }),
  }),
  status: z.object({
    replicas: z.int32().optional(),
    selector: z.string().optional(),
    ready: z.boolean().optional(),
  }),
  validations: [
    { rule: "self.spec.replicas <= 10 || self.spec.mode == 'Fast'", message: 'more than 10 replicas need mode Fast' },
  ],
  printerColumns: [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Mode', type: 'string', jsonPath: '.spec.mode' },
    { name: 'Ready', type: 'boolean', jsonPath: '.status.ready' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  subresources: {
    scale: {
      specReplicasPath: '.spec.replicas',
      statusReplicasPath: '.status.replicas',
      labelSelectorPath: '.status.selector',
    },
  },
});
type Widget = InferResource<typeof WidgetV1alpha2>;

const widgetCrd = defineCustomResourceDefinition({
  versions: [WidgetV1alpha1, WidgetV1alpha2],
  contract: { v1beta2: ['v1alpha2'] },
});

/** Every string and number format the converter maps, on a cluster-scoped kind. */
const Gauge = defineResource({
  group,
  version: 'v1',
  kind: 'Gauge',
  plural: 'gauges',
  scope: 'Cluster',
  spec: z.object({
    email: z.email().optional(),
    url: z.url().optional(),
    uuid: z.uuid().optional(),
    at: z.iso.datetime().optional(),
    day: z.iso.date().optional(),
    time: z.iso.time().optional(),
    ipv4: z.ipv4().optional(),
    ipv6: z.ipv6().optional(),
    cidr: z.cidrv4().optional(),
    cidr6: z.cidrv6().optional(),
    data: z.base64().optional(),
    mac: z.mac().optional(),
    host: z.hostname().optional(),
    lower: z.string().lowercase().startsWith('a').optional(),
    caseless: z.string().regex(/^abc$/i).optional(),
    count: z.int32().optional(),
    total: z.int().optional(),
    ratio: z.float32().optional(),
    share: z.float64().gte(0).lte(1).optional(),
    labels: z.record(z.string(), z.string()).meta({ maxProperties: 2 }).optional(),
    source: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('Secret'), secretName: z.string() }),
        z.object({ type: z.literal('Inline'), value: z.string() }),
      ])
      .optional(),
  }),
});
const gaugeCrd = defineCustomResourceDefinition({ versions: [Gauge] });

interface Table {
  kind: string;
  columnDefinitions: Array<{ name: string; type: string }>;
  rows: Array<{ cells: unknown[] }>;
}

interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas?: number; selector?: string };
}

describe('generated CRDs on a real API server', () => {
  let env: TestEnvironment;
  let client: KubeClient;

  beforeAll(async () => {
    env = await startTestEnvironment();
    await env.installCrds([widgetCrd, gaugeCrd]);
    client = new KubeClient(env.kubeConfig);
  });
  afterAll(async () => {
    client?.transport.close();
    await env?.stop();
  });

  const widget = (name: string, spec: Record<string, unknown>): Widget =>
    ({ metadata: { name, namespace: 'default' }, spec }) as unknown as Widget;

  async function createError(name: string, spec: Record<string, unknown>): Promise<ApiError> {
    const err = await client.create(WidgetV1alpha2, widget(name, spec)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(isInvalid(err)).toBe(true);
    return err as ApiError;
  }

  async function getTable(path: string): Promise<Table> {
    const options: https.RequestOptions = { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } };
    await env.kubeConfig.applyToHTTPSOptions(options);
    return await new Promise<Table>((resolve, reject) => {
      https
        .get(new URL(path, env.server), options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Table));
        })
        .on('error', reject);
    });
  }

  it('accepts the schema as structural and establishes the CRD with the contract label', async () => {
    const crd = await client.get(builtin.customResourceDefinition, 'widgets.example.capi-ts.dev');
    const conditions = (crd.status as { conditions: Array<{ type: string; status: string }> }).conditions;
    expect(conditions.find((c) => c.type === 'Established')?.status).toBe('True');
    expect(conditions.find((c) => c.type === 'NonStructuralSchema')).toBeUndefined();
    expect(crd.metadata.labels).toEqual({ 'cluster.x-k8s.io/v1beta2': 'v1alpha2' });
  });

  it('applies server-side defaults, including nested object defaults, and the result parses', async () => {
    const created = await client.create(WidgetV1alpha2, widget('defaults', { image: 'nginx:1.27' }));
    expect(created.spec).toEqual({ image: 'nginx:1.27', replicas: 1, mode: 'Safe', limits: { cpu: '1' } });
    expect(WidgetV1alpha2.parse(created).spec.replicas).toBe(1);
  });

  it('prunes unknown fields, keeps preserved ones, and prunes embedded metadata', async () => {
    const created = await client.create(
      WidgetV1alpha2,
      widget('pruning', {
        image: 'nginx',
        unknownField: 'dropped',
        limits: { cpu: '2', gpu: 'dropped' },
        settings: { anything: { nested: [1, 'two'] } },
        template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', bogus: true }, data: { a: 'b' } },
        note: null,
        maxSurge: '25%',
      }),
    );
    expect(created.spec).not.toHaveProperty('unknownField');
    expect(created.spec.limits).toEqual({ cpu: '2' });
    expect(created.spec.settings).toEqual({ anything: { nested: [1, 'two'] } });
    expect(created.spec.template).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { a: 'b' },
    });
    expect(created.spec.note).toBeNull();
    expect(created.spec.maxSurge).toBe('25%');
    const numeric = await client.create(WidgetV1alpha2, widget('int-surge', { image: 'nginx', maxSurge: 2 }));
    expect(numeric.spec.maxSurge).toBe(2);
  });

  it('rejects an enum violation with the API server message', async () => {
    const err = await createError('bad-enum', { image: 'nginx', mode: 'Slow' });
    expect(err.message).toContain('spec.mode: Unsupported value: "Slow": supported values: "Fast", "Safe"');
  });

  it('rejects a pattern, minimum and int-or-string violation with the API server messages', async () => {
    const err = await createError('bad-values', { image: 'NGINX', replicas: -1, maxSurge: true });
    expect(err.message).toContain(
      'spec.image: Invalid value: "NGINX": spec.image in body should match \'^[a-z0-9./:-]+$\'',
    );
    expect(err.message).toContain(
      'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    );
    expect(err.message).toContain('spec.maxSurge');
  });

  it('rejects a root CEL rule with its message', async () => {
    const err = await createError('too-many', { image: 'nginx', replicas: 11 });
    expect(err.message).toContain('more than 10 replicas need mode Fast');
    await expect(
      client.create(WidgetV1alpha2, widget('many-fast', { image: 'nginx', replicas: 11, mode: 'Fast' })),
    ).resolves.toBeDefined();
  });

  it('enforces a CEL transition rule on update', async () => {
    const created = await client.create(WidgetV1alpha2, widget('immutable', { image: 'nginx', clusterName: 'a' }));
    const err = await client
      .update(WidgetV1alpha2, { ...created, spec: { ...created.spec, clusterName: 'b' } })
      .catch((e: unknown) => e);
    expect(isInvalid(err)).toBe(true);
    expect((err as ApiError).message).toContain('spec.clusterName: Invalid value: "b": clusterName is immutable');
  });

  it('merges a list-map by key between server-side apply field managers', async () => {
    const apply = (manager: string, ports: Array<{ name: string; port: number }>) =>
      client.apply(WidgetV1alpha2, widget('ports', { image: 'nginx', ports }), { fieldManager: manager });
    await apply('first', [{ name: 'http', port: 80 }]);
    const merged = await apply('second', [{ name: 'metrics', port: 9090 }]);
    expect(merged.spec.ports).toEqual([
      { name: 'http', port: 80 },
      { name: 'metrics', port: 9090 },
    ]);
  });

  it('serves the printer columns in Table form', async () => {
    await client.create(WidgetV1alpha2, widget('table', { image: 'nginx', replicas: 3, mode: 'Fast' }));
    const table = await getTable(resourcePath(WidgetV1alpha2, 'default', 'table'));
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Replicas', 'integer'],
      ['Mode', 'string'],
      ['Ready', 'boolean'],
      ['Age', 'date'],
    ]);
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual(['table', 3, 'Fast']);
  });

  it('serves the /scale subresource', async () => {
    const created = await client.create(WidgetV1alpha2, widget('scaled', { image: 'nginx', replicas: 2 }));
    await client.updateStatus(WidgetV1alpha2, {
      ...created,
      status: { replicas: 2, selector: 'app=scaled', ready: true },
    });
    const scale = await client.transport.request<Scale>({
      method: 'GET',
      path: resourcePath(WidgetV1alpha2, 'default', 'scaled', 'scale'),
    });
    expect(scale.kind).toBe('Scale');
    expect(scale.spec.replicas).toBe(2);
    expect(scale.status).toEqual({ replicas: 2, selector: 'app=scaled' });
    await client.mergePatch(
      WidgetV1alpha2,
      { namespace: 'default', name: 'scaled' },
      { spec: { replicas: 5 } },
      {
        subresource: 'scale',
      },
    );
    expect((await client.get(WidgetV1alpha2, { namespace: 'default', name: 'scaled' })).spec.replicas).toBe(5);
  });

  it('serves the same objects through the older version (conversion None)', async () => {
    await client.create(WidgetV1alpha2, widget('both-versions', { image: 'nginx', replicas: 4 }));
    const old = await client.get(WidgetV1alpha1, { namespace: 'default', name: 'both-versions' });
    expect(old.apiVersion).toBe('example.capi-ts.dev/v1alpha1');
    expect(old.spec.replicas).toBe(4);
    expect(WidgetV1alpha1.parse(old).spec).toEqual({ replicas: 4, image: 'nginx' });
  });

  it('accepts every mapped format and checks the formats server-side', async () => {
    const valid = Gauge.build({
      metadata: { name: 'valid' },
      spec: {
        email: 'a@example.com',
        url: 'https://example.com/x',
        uuid: '0b9e8f6a-3c1d-4f2e-9a7b-1c2d3e4f5a6b',
        at: '2026-01-02T03:04:05Z',
        day: '2026-01-02',
        time: '03:04:05',
        ipv4: '10.0.0.1',
        ipv6: 'fd00::1',
        cidr: '10.0.0.0/8',
        cidr6: 'fd00::/64',
        data: 'aGVsbG8=',
        mac: '00:11:22:33:44:55',
        host: 'node-1.example.com',
        lower: 'abc',
        caseless: 'ABC',
        count: 7,
        total: 2 ** 40,
        ratio: 0.5,
        share: 1,
        labels: { a: 'b' },
        source: { type: 'Secret', secretName: 's' },
      },
    });
    const created = await client.create(Gauge, valid);
    expect(created.spec).toEqual(valid.spec);

    const invalid = {
      metadata: { name: 'invalid' },
      spec: {
        ipv4: 'not-an-ip',
        cidr: '10.0.0.1',
        at: 'yesterday',
        caseless: 'abd',
        labels: { a: '1', b: '2', c: '3' },
      },
    } as unknown as typeof valid;
    const err = (await client.create(Gauge, invalid).catch((e: unknown) => e)) as ApiError;
    expect(isInvalid(err)).toBe(true);
    expect(err.message).toContain('spec.ipv4 in body must be of type ipv4');
    expect(err.message).toContain('spec.cidr in body must be of type cidr');
    expect(err.message).toContain('spec.at in body must be of type date-time');
    expect(err.message).toContain("spec.caseless in body should match '(?i)^abc$'");
    expect(err.message).toContain('spec.labels: Too many: 3: must have at most 2 items');
  });
});
