import { describe, expect, it } from 'vitest';
import { optionsOf, withCurrentOption } from './options.js';

describe('options', () => {
  it('turns named records into choices', () => {
    expect(optionsOf([{ id: 'a', name: '本社' }])).toEqual([{ value: 'a', label: '本社' }]);
    expect(optionsOf(undefined)).toEqual([]);
  });

  it('adds the current value when it is no longer offered, once', () => {
    const options = [{ value: 'a', label: 'A' }];
    expect(withCurrentOption(options, 'b', 'B (archived)')).toEqual([
      ...options,
      { value: 'b', label: 'B (archived)' },
    ]);
    expect(withCurrentOption(options, 'a', 'again')).toBe(options);
    expect(withCurrentOption(options, null, 'none')).toBe(options);
  });
});
