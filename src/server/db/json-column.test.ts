import { describe, expect, it } from 'vitest';
import { RtoSchema } from '../../domain/bia-schemas.js';
import { decodeJsonColumn } from './json-column.js';

describe('decodeJsonColumn', () => {
  it('reads a good value as it was written', () => {
    expect(decodeJsonColumn(RtoSchema, '{"kind":"duration","minutes":240}', 'systems.rto_override')).toEqual({
      kind: 'duration',
      minutes: 240,
    });
  });

  it('names the column when the text is not JSON', () => {
    expect(() => decodeJsonColumn(RtoSchema, '{"kind":', 'systems.rto_override')).toThrow(
      'stored systems.rto_override is not JSON',
    );
  });

  it('names the column and the problem when the value has the wrong shape', () => {
    expect(() =>
      decodeJsonColumn(RtoSchema, '{"kind":"duration","minutes":"4h"}', 'systems.rto_override'),
    ).toThrow(/stored systems.rto_override does not match its schema:[\s\S]*minutes/);
  });
});
