import { describe, expect, it } from 'vitest';
import { FieldPath, field, formatFieldError, invalidMessage } from '../../src/webhooks/index.js';

describe('FieldPath', () => {
  it('prints paths as Kubernetes does', () => {
    const containers = FieldPath.of('spec', 'template', 'containers');
    expect(String(containers.index(0).child('env').key('HOME'))).toBe('spec.template.containers[0].env[HOME]');
    expect(String(FieldPath.of('metadata'))).toBe('metadata');
  });
});

describe('field errors', () => {
  it('format like field.Error.Error()', () => {
    const spec = FieldPath.of('spec');
    expect(formatFieldError(field.invalid(spec.child('x'), 'y', 'reason'))).toBe('spec.x: Invalid value: "y": reason');
    expect(formatFieldError(field.invalid('spec.replicas', -1, 'must be greater than or equal to 0'))).toBe(
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(formatFieldError(field.invalid('spec.on', true, 'no'))).toBe('spec.on: Invalid value: true: no');
    expect(formatFieldError(field.invalid('spec.o', { a: 1 }, 'no'))).toBe('spec.o: Invalid value: {"a":1}: no');
    expect(formatFieldError(field.invalid('spec.n', null, 'no'))).toBe('spec.n: Invalid value: null: no');
    expect(formatFieldError(field.required('spec.name'))).toBe('spec.name: Required value');
    expect(formatFieldError(field.required('spec.name', 'a name is needed'))).toBe(
      'spec.name: Required value: a name is needed',
    );
    expect(formatFieldError(field.forbidden('spec.secret', 'may not be set'))).toBe(
      'spec.secret: Forbidden: may not be set',
    );
    expect(formatFieldError(field.notSupported('spec.mode', 'fast', ['standard', 'safe']))).toBe(
      'spec.mode: Unsupported value: "fast": supported values: "standard", "safe"',
    );
    expect(formatFieldError(field.duplicate(FieldPath.of('spec', 'ports').index(1), 80))).toBe(
      'spec.ports[1]: Duplicate value: 80',
    );
    expect(formatFieldError(field.notFound('spec.ref', 'x'))).toBe('spec.ref: Not found: "x"');
    expect(formatFieldError(field.tooLong('spec.name', 63))).toBe('spec.name: Too long: may not be more than 63 bytes');
    expect(formatFieldError(field.tooMany('spec.items', 5, 3))).toBe(
      'spec.items: Too many: 5: must have at most 3 items',
    );
    expect(formatFieldError(field.immutable('spec.zone', 'b'))).toBe(
      'spec.zone: Invalid value: "b": field is immutable',
    );
  });

  it('aggregate like apierrors.NewInvalid', () => {
    const one = [field.required('spec.a')];
    const two = [field.required('spec.a'), field.invalid('spec.b', 1, 'too small')];
    expect(invalidMessage('Widget.example.com', 'w1', one)).toBe(
      'Widget.example.com "w1" is invalid: spec.a: Required value',
    );
    expect(invalidMessage('Widget.example.com', 'w1', two)).toBe(
      'Widget.example.com "w1" is invalid: [spec.a: Required value, spec.b: Invalid value: 1: too small]',
    );
  });
});
