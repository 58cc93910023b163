import { describe, expect, it } from 'vitest';
import { type ChecklistParameter, describeParameter } from './checklist.js';

const label = { ja: 'ラベル', en: 'Label' };
const both = (p: ChecklistParameter) => [describeParameter(p, 'ja'), describeParameter(p, 'en')];

describe('describeParameter', () => {
  it('reads numbers with their bound and unit', () => {
    expect(
      both({ name: 'n', label, type: 'number', value: 20, unit: 'characters', bound: 'at-least' }),
    ).toEqual(['20文字以上', 'at least 20 characters']);
    expect(
      both({ name: 'n', label, type: 'number', value: 2, unit: 'times-per-month', bound: 'at-least' }),
    ).toEqual(['月2回以上', 'at least twice a month']);
    expect(both({ name: 'n', label, type: 'number', value: 10, unit: 'failures', bound: 'exactly' })).toEqual(
      ['10回', '10 failed attempts'],
    );
    expect(both({ name: 'n', label, type: 'number', value: 30, unit: 'minutes', bound: 'exactly' })).toEqual([
      '30分',
      '30 minutes',
    ]);
    expect(both({ name: 'n', label, type: 'number', value: 1, unit: 'years', bound: 'at-least' })).toEqual([
      '1年以上',
      'at least 1 year',
    ]);
    expect(both({ name: 'n', label, type: 'number', value: 14, unit: 'days', bound: 'at-most' })).toEqual([
      '14日以下',
      'at most 14 days',
    ]);
  });

  it('reads ranges, port ranges without thousands separators', () => {
    expect(both({ name: 'r', label, type: 'range', min: 50, max: 100, unit: 'megabytes' })).toEqual([
      '50〜100MB',
      '50–100 MB',
    ]);
    expect(both({ name: 'r', label, type: 'range', min: 49152, max: 65535, unit: 'port' })).toEqual([
      '49152〜65535番',
      'ports 49152–65535',
    ]);
    expect(both({ name: 'r', label, type: 'range', min: 1000, max: 2000, unit: 'days' })).toEqual([
      '1,000〜2,000日',
      '1,000–2,000 days',
    ]);
  });

  it('reads port lists with their protocol, one port in the singular', () => {
    expect(
      both({
        name: 'l',
        label,
        type: 'list',
        values: [23, 135, 445, 2049],
        unit: 'port',
        protocol: 'tcp-udp',
      }),
    ).toEqual(['TCP/UDP 23、135、445、2049番', 'TCP/UDP ports 23, 135, 445, 2049']);
    expect(both({ name: 'l', label, type: 'list', values: [12345], unit: 'port', protocol: 'tcp' })).toEqual([
      'TCP 12345番',
      'TCP port 12345',
    ]);
    expect(both({ name: 'l', label, type: 'list', values: [128, 256], unit: 'bits' })).toEqual([
      '128、256ビット',
      '128, 256 bits',
    ]);
  });

  it('shows a named value as it is in both languages', () => {
    expect(both({ name: 't', label, type: 'text', value: 'AES-256' })).toEqual(['AES-256', 'AES-256']);
  });
});
