import type { Locale } from '../../domain/organization.js';
import type { MailMessage } from './mailer.js';

/**
 * The wording of keizoku's mails, in the reader's language (the account's `locale`). Plain text
 * only: it reads the same in every mail program, and a link is a link.
 */

/** A date and time as people write it: "2026年12月8日 13:05" / "8 December 2026, 13:05". */
function dateTimeInWords(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

interface PasswordResetMail {
  to: string;
  locale: Locale;
  displayName: string;
  url: string;
  expiresAt: string;
  hours: number;
  timeZone: string;
}

/** The mail with a one-time password reset link, asked for on the login page. */
export function passwordResetMail(m: PasswordResetMail): MailMessage {
  const until = dateTimeInWords(m.expiresAt, m.locale, m.timeZone);
  if (m.locale === 'ja') {
    return {
      to: m.to,
      subject: '【keizoku】パスワードの再設定',
      text: [
        `${m.displayName} さん`,
        '',
        'keizoku のログイン画面で、パスワードの再設定が申し込まれました。',
        '次のリンクを開いて、新しいパスワードを決めてください。',
        '',
        m.url,
        '',
        `このリンクが使えるのは ${until} まで（${m.hours}時間）、1回だけです。`,
        '新しいパスワードを保存すると、このアカウントのすべてのログインが終わります。',
        '',
        '申し込んだ覚えがなければ、このメールは無視してください。パスワードは変わりません。',
        '',
        '-- ',
        'keizoku',
      ].join('\n'),
    };
  }
  return {
    to: m.to,
    subject: 'keizoku: reset your password',
    text: [
      `Hello ${m.displayName},`,
      '',
      "Someone asked on keizoku's login page to reset the password of this account.",
      'Open the link below and choose a new password.',
      '',
      m.url,
      '',
      `The link works once, until ${until} (${m.hours} hours).`,
      'Saving a new password ends every login of this account.',
      '',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
      '',
      '-- ',
      'keizoku',
    ].join('\n'),
  };
}
