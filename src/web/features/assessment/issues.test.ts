import { afterEach, describe, expect, it } from 'vitest';
import { localizedParams, setFormatLanguage } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { englishT } from '../../app/test-i18n.js';
import assessmentEn from '../../i18n/locales/features/assessment.en.json' with { type: 'json' };

const t = await englishT(assessmentEn);

/** A refusal about an item, as the server sends it: the key for machines, the measure for people. */
const issue = {
  path: ['telework/video-call-privacy', 'reason'],
  code: 'decision_reason_required',
  params: {
    itemId: 'telework/video-call-privacy',
    item_ja: 'ビデオ会議の映り込みに気をつける',
    item_en: 'Mind what a video call shows',
  },
};

afterEach(() => setFormatLanguage('en'));

describe('an item named in an error', () => {
  it('is named by its measure in the reader’s language, not by its id', () => {
    setFormatLanguage('en');
    const text = featureIssueText(t, 'assessment', issue);
    expect(text).toBe('Item "Mind what a video call shows": write why it is not needed.');
    expect(text).not.toContain('telework/');
    setFormatLanguage('ja');
    expect(featureIssueText(t, 'assessment', issue)).toContain('ビデオ会議の映り込みに気をつける');
  });

  it('picks the pair of a value only when both languages came', () => {
    setFormatLanguage('en');
    expect(localizedParams({ itemId: 'x', item_ja: '鍵', item_en: 'Keys' })).toEqual({ item: 'Keys' });
    expect(localizedParams({ name_ja: '鍵' })).toEqual({});
    setFormatLanguage('ja');
    expect(localizedParams({ item_ja: '鍵', item_en: 'Keys' })).toEqual({ item: '鍵' });
  });
});
