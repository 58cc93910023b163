import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.js';
import { englishT } from '../../app/test-i18n.js';
import inventoryEn from '../../i18n/locales/features/inventory.en.json' with { type: 'json' };
import { featureFormErrors, featureIssueMessage, rtoLabel } from '../graph/labels.js';
import { fieldLabel, levelOptions } from './labels.js';

const t = await englishT(inventoryEn);

describe('inventory labels', () => {
  it('offer the levels of the scale, highest first', () => {
    expect(levelOptions(t, 3).map((o) => o.value)).toEqual(['3', '2', '1']);
    expect(levelOptions(t, 5)[0]?.label).toContain('5');
  });

  it("name a field in the register's own words, else the common ones", () => {
    const common = fieldLabel(t, 'suppliers', 'name');
    expect(common).not.toBe('');
    expect(common).not.toContain('inventory.fields');
    expect(fieldLabel(t, 'operations', 'name')).not.toContain('inventory.fields');
  });

  it('say an RTO in words', () => {
    expect(rtoLabel(t, null)).toBe(t('inventory.rto.none'));
    expect(rtoLabel(t, { kind: 'duration', minutes: 0 })).toBe(t('inventory.rto.immediately'));
    expect(rtoLabel(t, { kind: 'duration', minutes: 180 })).toContain('3');
  });

  it('name the first row of a name given twice in a file', () => {
    const message = featureIssueMessage(t, { code: 'duplicate_in_file', params: { firstRow: 2 } });
    expect(message).toContain('row 2');
    expect(message).not.toContain('{{');
  });

  it('name the path of a problem that has no field on the form', () => {
    const err = new ApiError(400, 'validation_failed', {}, [
      { path: ['rtoOverride', 'minutes'], code: 'too_big', params: { maximum: 10 } },
    ]);
    const { fieldErrors, formError } = featureFormErrors(t, err, ['name'], () => 'fallback');
    expect(fieldErrors).toEqual({});
    expect(formError).toMatch(/^rtoOverride\.minutes: /);
  });
});
