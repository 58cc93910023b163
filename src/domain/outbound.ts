/**
 * Outbound messages (mail and chat webhooks): the words of the queue and its retry rule, and the
 * JSON that Slack, Microsoft Teams and LINE WORKS incoming webhooks take. Pure.
 */

/** How a message leaves: a mail over SMTP, or a POST to a chat service's incoming webhook. */
export const OUTBOUND_CHANNELS = ['email', 'slack', 'teams', 'lineworks'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];

/** queued → sending → sent, or back to queued for a retry, or failed for good. */
export const OUTBOUND_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/**
 * Why a message was not delivered. The mailer's codes (not_configured, unreachable, auth, refused,
 * failed) serve webhooks too; blocked_address is a webhook URL that points inside the network
 * (or is not http/https) and may not be called.
 */
export const OUTBOUND_REASONS = [
  'not_configured',
  'unreachable',
  'auth',
  'refused',
  'failed',
  'blocked_address',
] as const;
export type OutboundReason = (typeof OUTBOUND_REASONS)[number];

export interface RetryPolicy {
  /** Delay before the 2nd attempt, in ms; each further attempt doubles it. */
  baseMs: number;
  /** The longest delay. */
  maxMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min … capped at 30 min; 8 attempts span about an hour. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 30 * 60_000, maxAttempts: 8 };

/**
 * When the next attempt may run after `attempts` have failed, or null when the message has
 * failed for good. `jitter` (0…1, from the caller's random source) spreads retries by up to 20 %
 * so that messages refused together do not come back together.
 * @example nextAttemptDelay(1, { baseMs: 30_000, maxMs: 1_800_000, maxAttempts: 8 }, 0) // 30_000
 */
export function nextAttemptDelay(attempts: number, policy: RetryPolicy, jitter = 0): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 + 0.2 * Math.min(1, Math.max(0, jitter))));
}

/** A short notice for a chat room: a title, a few lines of text and one link. */
export interface ChatNotice {
  title: string;
  text: string;
  link?: { label: string; url: string };
}

/** Slack's mrkdwn reserves &, < and > (they would start a link or an entity). */
const slackEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Slack (and Slack-compatible: Mattermost, Rocket.Chat) incoming webhook: text plus Block Kit. */
export function slackPayload(n: ChatNotice): Record<string, unknown> {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: n.title.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: slackEscape(n.text).slice(0, 3000) } },
  ];
  if (n.link)
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: n.link.label.slice(0, 75) }, url: n.link.url },
      ],
    });
  // `text` is what notifications and clients without blocks show.
  return { text: slackEscape(`${n.title}\n${n.text}${n.link ? `\n${n.link.url}` : ''}`), blocks };
}

/** Microsoft Teams incoming webhook (Workflows or the classic connector): one Adaptive Card. */
export function teamsPayload(n: ChatNotice): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: n.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: n.text, wrap: true },
          ],
          ...(n.link ? { actions: [{ type: 'Action.OpenUrl', title: n.link.label, url: n.link.url }] } : {}),
        },
      },
    ],
  };
}

/** LINE WORKS "Incoming Webhook" app: a title, a body text and one button. */
export function lineWorksPayload(n: ChatNotice): Record<string, unknown> {
  return {
    title: n.title,
    body: { text: n.text },
    ...(n.link ? { button: { label: n.link.label, url: n.link.url } } : {}),
  };
}

/** The JSON body of a notice for a chat channel. */
export function chatPayload(
  channel: Exclude<OutboundChannel, 'email'>,
  n: ChatNotice,
): Record<string, unknown> {
  if (channel === 'slack') return slackPayload(n);
  if (channel === 'teams') return teamsPayload(n);
  return lineWorksPayload(n);
}
