import { describe, expect, it } from 'vitest';
import { type AggregateInput, aggregateCondition } from '../../src/conditions/index.js';

const options = {
  kind: { singular: 'Machine', plural: 'Machines' },
  reasons: { issue: 'NotUpToDate', unknown: 'UpToDateUnknown', info: 'UpToDate' },
};
const input = (name: string, status: AggregateInput['status'], message = ''): AggregateInput => ({
  name,
  status,
  message,
});

describe('aggregateCondition', () => {
  it('is True with the info reason when every object is True, listing only info with a message', () => {
    expect(aggregateCondition([input('a', 'True'), input('b', 'True', 'on v1.31')], options)).toEqual({
      status: 'True',
      reason: 'UpToDate',
      message: '* Machine b: on v1.31',
    });
  });

  it('is False on any issue, Unknown on any unknown otherwise, and leaves info out unless True', () => {
    const result = aggregateCondition(
      [input('a', 'True', 'fine'), input('b', 'Unknown', 'not reported'), input('c', 'False', 'old')],
      options,
    );
    expect(result).toEqual({
      status: 'False',
      reason: 'NotUpToDate',
      message: '* Machine c: old\n* Machine b: not reported',
    });
    expect(aggregateCondition([input('a', 'True'), input('b', 'Unknown', 'x')], options)).toMatchObject({
      status: 'Unknown',
      reason: 'UpToDateUnknown',
    });
  });

  it('groups objects by message, largest group first, names sorted and capped, multi-line messages indented', () => {
    const result = aggregateCondition(
      [
        input('m5', 'False', 'one\ntwo'),
        input('m4', 'False', 'old'),
        input('m3', 'False', 'old'),
        input('m2', 'False', 'old'),
        input('m1', 'False', 'old'),
      ],
      options,
    );
    expect(result.message).toBe('* Machines m1, m2, m3, ... (1 more): old\n* Machine m5:\n  * one\n  * two');
  });

  it('counts the groups beyond the limit per priority', () => {
    const result = aggregateCondition(
      [
        input('a', 'False', '1'),
        input('b', 'False', '2'),
        input('c', 'False', '3'),
        input('d', 'False', '4'),
        input('e', 'False', '5'),
        input('f', 'Unknown', '6'),
      ],
      options,
    );
    expect(result.message.split('\n')).toEqual([
      '* Machine a: 1',
      '* Machine b: 2',
      '* Machine c: 3',
      'And 2 Machines with other issues',
      'And 1 Machine with status unknown',
    ]);
  });

  it('refuses an empty list', () => {
    expect(() => aggregateCondition([], options)).toThrow(/no objects/);
  });
});
