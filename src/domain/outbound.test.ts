import { describe, expect, it } from 'vitest';
import {
  chatPayload,
  DEFAULT_RETRY,
  lineWorksPayload,
  nextAttemptDelay,
  OUTBOUND_CHANNELS,
  OUTBOUND_REASONS,
  OUTBOUND_STATUSES,
  slackPayload,
  teamsPayload,
} from './outbound.js';

describe('outbound messages', () => {
  it('names its channels, states and reasons once', () => {
    expect(OUTBOUND_CHANNELS).toEqual(['email', 'slack', 'teams', 'lineworks']);
    expect(OUTBOUND_STATUSES).toEqual(['queued', 'sending', 'sent', 'failed']);
    expect(OUTBOUND_REASONS).toContain('blocked_address');
  });

  it('backs off exponentially up to a cap, with up to 20 % jitter, and gives up after the last attempt', () => {
    const p = { baseMs: 1000, maxMs: 10_000, maxAttempts: 6 };
    expect([1, 2, 3, 4, 5].map((a) => nextAttemptDelay(a, p, 0))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(nextAttemptDelay(6, p, 0)).toBeNull();
    expect(nextAttemptDelay(1, p, 1)).toBe(1200);
    expect(nextAttemptDelay(1, p, 7)).toBe(1200);
    expect(nextAttemptDelay(DEFAULT_RETRY.maxAttempts - 1, DEFAULT_RETRY, 0)).toBe(DEFAULT_RETRY.maxMs);
  });

  it('builds Slack, Teams and LINE WORKS bodies; Slack text is escaped, limits kept', () => {
    const n = {
      title: 'T'.repeat(200),
      text: 'a <b> & c',
      link: { label: '回答する', url: 'https://x.example/a' },
    };
    const slack = slackPayload(n) as { text: string; blocks: { text?: { text: string } }[] };
    expect(slack.blocks[0]?.text?.text).toHaveLength(150);
    expect(slack.blocks[1]?.text?.text).toBe('a &lt;b&gt; &amp; c');
    expect(slack.text).toContain('https://x.example/a');
    expect(teamsPayload({ title: 't', text: 'x' })).toMatchObject({
      type: 'message',
      attachments: [{ content: { type: 'AdaptiveCard', version: '1.4' } }],
    });
    expect(JSON.stringify(teamsPayload({ title: 't', text: 'x' }))).not.toContain('actions');
    expect(lineWorksPayload({ title: 't', text: 'x' })).toEqual({ title: 't', body: { text: 'x' } });
    expect(chatPayload('lineworks', n)).toEqual(lineWorksPayload(n));
    expect(chatPayload('teams', n)).toEqual(teamsPayload(n));
  });
});
