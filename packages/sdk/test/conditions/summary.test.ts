import { describe, expect, it } from 'vitest';
import {
  type Condition,
  defaultMergePriority,
  defaultMergeStrategy,
  getCondition,
  indentIfMultiline,
  type KubeObject,
  MergePriority,
  type NewCondition,
  type SummaryOptions,
  setSummaryCondition,
  summaryCondition,
} from '../../src/index.js';

const T0 = '2026-01-01T10:00:00Z';
type Spec = Pick<Condition, 'type' | 'status' | 'reason'> & { message?: string };
const withConditions = (conditions: Spec[]): KubeObject => ({
  metadata: { name: 'source', namespace: 'default', generation: 2 },
  status: { conditions: conditions.map((c) => ({ message: '', lastTransitionTime: T0, ...c })) },
});
const scope: SummaryOptions = { forConditionTypes: ['A', 'B', '!C'], negativePolarityConditionTypes: ['!C'] };

// The cases of cluster-api util/conditions/summary_test.go, with the same inputs and expectations.
const cases: Array<{ name: string; conditions: Spec[]; options?: Partial<SummaryOptions>; want: NewCondition }> = [
  {
    name: 'one issue: False, generic reason, only the issue in the message',
    conditions: [
      { type: 'B', status: 'True', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'True', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    want: { type: 'Available', status: 'False', reason: 'IssuesReported', message: '* !C: Message-!C' },
  },
  {
    name: 'one issue without message: the reason stands in',
    conditions: [
      { type: 'B', status: 'True', reason: 'Reason-B' },
      { type: 'A', status: 'True', reason: 'Reason-A' },
      { type: '!C', status: 'True', reason: 'Reason-!C' },
    ],
    want: { type: 'Available', status: 'False', reason: 'IssuesReported', message: '* !C: Reason-!C' },
  },
  {
    name: 'several issues, in scope order',
    conditions: [
      { type: 'B', status: 'False', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'True', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    want: { type: 'Available', status: 'False', reason: 'IssuesReported', message: '* B: Message-B\n* !C: Message-!C' },
  },
  {
    name: 'several issues with multi-line messages',
    conditions: [
      { type: 'B', status: 'False', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'True', reason: 'Reason-!C', message: '* Message-!C1\n* Message-!C2' },
      { type: 'D', status: 'False', reason: 'Reason-D', message: 'Message-D\n* More message-D' },
    ],
    options: { forConditionTypes: ['A', 'B', '!C', 'D'] },
    want: {
      type: 'Available',
      status: 'False',
      reason: 'IssuesReported',
      message: '* B: Message-B\n* !C:\n  * Message-!C1\n  * Message-!C2\n* D:\n  * Message-D\n    * More message-D',
    },
  },
  {
    name: 'issues and unknown: all listed, in scope order',
    conditions: [
      { type: 'B', status: 'False', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'Unknown', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'True', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    want: {
      type: 'Available',
      status: 'False',
      reason: 'IssuesReported',
      message: '* A: Message-A\n* B: Message-B\n* !C: Message-!C',
    },
  },
  {
    name: 'one unknown, no issue',
    conditions: [
      { type: 'B', status: 'True', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'Unknown', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    want: { type: 'Available', status: 'Unknown', reason: 'UnknownReported', message: '* !C: Message-!C' },
  },
  {
    name: 'several unknown, no issue',
    conditions: [
      { type: 'B', status: 'Unknown', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'Unknown', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    want: {
      type: 'Available',
      status: 'Unknown',
      reason: 'UnknownReported',
      message: '* B: Message-B\n* !C: Message-!C',
    },
  },
  {
    name: 'info only: messages of info conditions, empty ones dropped, through the message transform',
    conditions: [
      { type: 'B', status: 'True', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: '' },
      { type: '!C', status: 'False', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    options: {
      mergeStrategy: defaultMergeStrategy({
        targetConditionHasPositivePolarity: true,
        getPriority: defaultMergePriority(['!C']),
        summaryMessageTransform: (lines) => lines.map((l) => l.toLowerCase()),
      }),
    },
    want: { type: 'Available', status: 'True', reason: 'InfoReported', message: '* b: message-b\n* !c: message-!c' },
  },
  {
    name: 'missing conditions count as unknown',
    conditions: [{ type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' }],
    want: {
      type: 'Available',
      status: 'Unknown',
      reason: 'UnknownReported',
      message: '* B: Condition not yet reported\n* !C: Condition not yet reported',
    },
  },
  {
    name: 'missing conditions listed in ignoreTypesIfMissing are skipped',
    conditions: [{ type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' }],
    options: { ignoreTypesIfMissing: ['B'] },
    want: {
      type: 'Available',
      status: 'Unknown',
      reason: 'UnknownReported',
      message: '* !C: Condition not yet reported',
    },
  },
  {
    name: 'no issue when every missing condition is ignored',
    conditions: [{ type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' }],
    options: { ignoreTypesIfMissing: ['B', '!C'] },
    want: { type: 'Available', status: 'True', reason: 'InfoReported', message: '* A: Message-A' },
  },
  {
    name: 'conditions out of scope are ignored',
    conditions: [
      { type: 'B', status: 'True', reason: 'Reason-B', message: 'Message-B' },
      { type: 'A', status: 'True', reason: 'Reason-A', message: '' },
      { type: '!C', status: 'Unknown', reason: 'Reason-!C', message: 'Message-!C' },
    ],
    options: { forConditionTypes: ['A', 'B'], negativePolarityConditionTypes: [] },
    want: { type: 'Available', status: 'True', reason: 'InfoReported', message: '* B: Message-B' },
  },
  {
    name: 'an override replaces the object condition for this summary only',
    conditions: [
      { type: 'A', status: 'True', reason: 'Reason-A', message: 'Message-A' },
      { type: '!C', status: 'True', reason: 'Reason-C', message: 'Message-C' },
    ],
    options: {
      forConditionTypes: ['A', '!C'],
      ignoreTypesIfMissing: ['!C'],
      overrideConditions: [
        {
          type: '!C',
          status: 'True',
          reason: 'Reason-C-additional',
          message: 'Message-C-additional',
          lastTransitionTime: T0,
        },
      ],
    },
    want: { type: 'Available', status: 'False', reason: 'IssuesReported', message: '* !C: Message-C-additional' },
  },
];

describe('summaryCondition (port of CAPI NewSummaryCondition)', () => {
  it.each(cases)('$name', ({ conditions, options, want }) => {
    expect(summaryCondition(withConditions(conditions), 'Available', { ...scope, ...options })).toEqual(want);
  });

  it.each<[string, Spec[], SummaryOptions]>([
    ['forConditionTypes is empty', [], { forConditionTypes: [] }],
    ['forConditionTypes includes the target', [], { forConditionTypes: ['Available'] }],
    [
      'an override is given twice',
      [{ type: 'A', status: 'True', reason: 'R' }],
      {
        forConditionTypes: ['A'],
        overrideConditions: [
          { type: 'A', status: 'False', reason: 'X', message: '', lastTransitionTime: T0 },
          { type: 'A', status: 'False', reason: 'X', message: '', lastTransitionTime: T0 },
        ],
      },
    ],
    [
      'an override is missing on the object',
      [{ type: 'A', status: 'True', reason: 'R' }],
      {
        forConditionTypes: ['A', 'B'],
        overrideConditions: [{ type: 'B', status: 'False', reason: 'X', message: '', lastTransitionTime: T0 }],
      },
    ],
    ['every type is missing and ignored', [], { forConditionTypes: ['A'], ignoreTypesIfMissing: ['A'] }],
  ])('throws when %s', (_name, conditions, options) => {
    expect(() => summaryCondition(withConditions(conditions), 'Available', options)).toThrow();
  });

  it('orders conditions of equal relevance by lastTransitionTime, oldest first', () => {
    const strategy = defaultMergeStrategy();
    const result = strategy.merge(
      [
        { type: 'X', status: 'False', reason: 'R', message: 'newer', lastTransitionTime: '2026-01-02T00:00:00Z' },
        { type: 'X', status: 'False', reason: 'R', message: 'older', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
      ['X'],
    );
    expect(result.message).toBe('* X: older\n* X: newer');
  });

  it('flips True and False for a negative-polarity target', () => {
    const strategy = defaultMergeStrategy({ targetConditionHasPositivePolarity: false });
    const issue = strategy.merge(
      [{ type: 'A', status: 'False', reason: 'R', message: 'm', lastTransitionTime: T0 }],
      ['A', 'B'],
    );
    const fine = strategy.merge(
      [{ type: 'A', status: 'True', reason: 'R', message: 'm', lastTransitionTime: T0 }],
      ['A', 'B'],
    );
    expect([issue.status, fine.status]).toEqual(['True', 'False']);
    // Info messages are only kept when the merged status is True, as in CAPI.
    expect(fine.message).toBe('');
  });

  it('classifies conditions by polarity', () => {
    const priority = defaultMergePriority(['Paused']);
    const c = (type: string, status: Condition['status']) => ({
      type,
      status,
      reason: 'R',
      message: '',
      lastTransitionTime: T0,
    });
    expect(priority(c('Ready', 'False'))).toBe(MergePriority.Issue);
    expect(priority(c('Ready', 'True'))).toBe(MergePriority.Info);
    expect(priority(c('Paused', 'True'))).toBe(MergePriority.Issue);
    expect(priority(c('Paused', 'False'))).toBe(MergePriority.Info);
    expect(priority(c('Paused', 'Unknown'))).toBe(MergePriority.Unknown);
  });

  it('sets the summary as Ready on the object with its generation', () => {
    const obj = withConditions([
      { type: 'InfrastructureReady', status: 'True', reason: 'Up' },
      { type: 'Paused', status: 'False', reason: 'NotPaused' },
    ]);
    setSummaryCondition(obj, obj, 'Ready', {
      forConditionTypes: ['InfrastructureReady', 'Paused'],
      negativePolarityConditionTypes: ['Paused'],
    });
    expect(getCondition(obj, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'InfoReported',
      message: '',
      observedGeneration: 2,
    });
  });
});

describe('indentIfMultiline', () => {
  it.each([
    ['plain', ' plain'],
    ['a\nb', '\n  * a\n  * b'],
    ['* a\n* b', '\n  * a\n  * b'],
    ['* only bullet', '\n  * only bullet'],
    ['x\n* y', '\n  * x\n    * y'],
  ])('%j → %j', (input, output) => {
    expect(indentIfMultiline(input)).toBe(output);
  });
});
