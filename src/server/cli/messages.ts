/**
 * Every sentence the command line prints, in Japanese and English. The language is KEIZOKU_LANG
 * (ja|en), else the POSIX locale (LC_ALL, LC_MESSAGES, LANG: `ja*` is Japanese), else English.
 * Placeholders are `{{name}}`, as in the web app's catalog, and `{{name|one|other}}` for an
 * English plural; the password-policy sentences are the
 * web's own (cli.test.ts checks they stay equal to src/web/i18n/locales/*.json `errors`).
 */

export type CliLang = 'ja' | 'en';

/** The language of the command line's messages for this environment. */
export function cliLang(env: NodeJS.ProcessEnv): CliLang {
  const explicit = env.KEIZOKU_LANG?.trim().toLowerCase();
  if (explicit === 'ja' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const USAGE_EN = `keizoku (継続): IT-BCP platform — command line

Usage: keizoku <command> [options]

Commands:
  serve [--demo-if-empty]     migrate the database and serve the web app and API on HOST:PORT;
                              with --demo-if-empty, load the demo organization into an empty
                              database and print its login
  migrate                     apply pending database migrations and list them
  create-admin --email E --name N --org "Org name"
                              create an organization and its owner; the password is read from
                              KEIZOKU_ADMIN_PASSWORD or standard input (never a flag)
  backup [--out FILE]         write one backup bundle: the database (SQLite online copy or
                              pg_dump archive), the secret key, an audit checkpoint and a
                              manifest; encrypted when KEIZOKU_BACKUP_PASSPHRASE is set; copied
                              to KEIZOKU_BACKUP_COPY_DIR; then restored as a test.
                              Default: DATA_DIR/backups/keizoku-YYYYMMDD-HHMMSS.tar.gz(.age)
  restore FILE                restore a bundle into an empty data directory / empty database,
                              then check the audit trail and decrypt a two-step login secret
  demo                        load the demo organization (once)
  reset-password --email E    set a new password for one account (e.g. the last owner who forgot
                              it), from KEIZOKU_ADMIN_PASSWORD or standard input; ends its logins
  mfa-reset --email E         turn two-step login off for one account (lost phone and recovery
                              codes, or a secret that cannot be decrypted after a restore)
  audit verify [--checkpoint FILE]
                              check every audit hash chain; exit 1 on the first broken link;
                              with a checkpoint file, also on entries deleted since it

Options:
  -h, --help                  show this help (also: keizoku <command> --help)

Environment:
  DATABASE_URL   postgres://… selects PostgreSQL; unset: SQLite file DATA_DIR/keizoku.sqlite
  DATA_DIR       data directory (default ./data)     PORT, HOST, BASE_URL, SMTP_URL, MAIL_FROM, LOG_LEVEL
  KEIZOKU_BACKUP_PASSPHRASE  encrypts backups (and opens them for restore)
  KEIZOKU_BACKUP_COPY_DIR    second place for every backup (a NAS or USB mount)
  KEIZOKU_LANG   ja or en: the language of these messages (else LC_ALL, LC_MESSAGES, LANG)

Exit codes: 0 success, 1 failure (or a broken audit chain), 2 usage error.
`;

const USAGE_JA = `keizoku (継続): IT-BCP プラットフォーム — コマンドライン

使い方: keizoku <コマンド> [オプション]

コマンド:
  serve [--demo-if-empty]     データベースを最新の形にしてから、Web アプリと API を HOST:PORT で
                              動かします。--demo-if-empty を付けると、空のデータベースにデモ組織を
                              読み込み、そのログインを表示します
  migrate                     まだ適用していないデータベースのマイグレーションを適用し、一覧を表示します
  create-admin --email E --name N --org "組織名"
                              組織とそのオーナーを作ります。パスワードは KEIZOKU_ADMIN_PASSWORD か
                              標準入力から読みます(オプションでは受け付けません)
  backup [--out FILE]         バックアップを1つ書き出します: データベース(SQLite のオンライン
                              コピーか pg_dump のアーカイブ)、秘密鍵、監査チェックポイント、
                              マニフェスト。KEIZOKU_BACKUP_PASSPHRASE があれば暗号化し、
                              KEIZOKU_BACKUP_COPY_DIR にコピーし、最後に試しに復元します。
                              既定: DATA_DIR/backups/keizoku-YYYYMMDD-HHMMSS.tar.gz(.age)
  restore FILE                バックアップを空のデータディレクトリ/空のデータベースに復元し、
                              監査記録を検証して、2段階ログインの秘密を1つ復号します
  demo                        デモ組織を読み込みます(1回だけ)
  reset-password --email E    1つのアカウントに新しいパスワードを設定します(パスワードを忘れた
                              最後のオーナーなど)。KEIZOKU_ADMIN_PASSWORD か標準入力から読み、
                              そのアカウントのログインをすべて終了します
  mfa-reset --email E         1つのアカウントの2段階ログインを解除します(スマートフォンと
                              リカバリーコードをなくしたとき、または復元後に秘密を復号できないとき)
  audit verify [--checkpoint FILE]
                              すべての監査ハッシュチェーンを検証します。壊れたつながりがあれば
                              終了コード 1。チェックポイントファイルを渡すと、それ以降に消された
                              記録も調べます

オプション:
  -h, --help                  このヘルプを表示します(keizoku <コマンド> --help でも表示します)

環境変数:
  DATABASE_URL   postgres://… で PostgreSQL を使います。未設定なら SQLite ファイル DATA_DIR/keizoku.sqlite
  DATA_DIR       データディレクトリ(既定 ./data)   PORT, HOST, BASE_URL, SMTP_URL, MAIL_FROM, LOG_LEVEL
  KEIZOKU_BACKUP_PASSPHRASE  バックアップを暗号化します(復元にも必要です)
  KEIZOKU_BACKUP_COPY_DIR    すべてのバックアップの2つめの置き場所(NAS や USB のマウント先)
  KEIZOKU_LANG   ja か en: このメッセージの言語(未設定なら LC_ALL, LC_MESSAGES, LANG)

終了コード: 0 成功、1 失敗(または監査チェーンの破損)、2 使い方の誤り。
`;

const en = {
  usage: USAGE_EN,
  // cli.ts
  'cli.unknownCommand': 'There is no command "{{command}}"; the commands are listed below.',
  'cli.badOption': 'The options could not be read: {{detail}}',
  'cli.noArguments': '`keizoku {{command}}` takes no arguments, but was given: {{args}}.',
  'cli.createAdminNeeds': '`keizoku create-admin` needs --email, --name and --org.',
  'cli.createAdminPositional':
    '`keizoku create-admin` takes no positional arguments; the password is never one.',
  'cli.backupPositional': '`keizoku backup` takes no positional arguments; use --out FILE.',
  'cli.restoreNeeds': '`keizoku restore` needs exactly one FILE.',
  'cli.mfaResetNeeds': '`keizoku mfa-reset` needs --email and nothing else.',
  'cli.resetPasswordNeeds':
    '`keizoku reset-password` needs --email and nothing else; the password is never an argument.',
  'cli.auditNeeds': 'The audit command is used as `keizoku audit verify [--checkpoint FILE]`.',
  'cli.config': 'The configuration is not valid, so nothing was done.',
  'config.TRUST_PROXY':
    "  TRUST_PROXY must list the proxies' addresses or CIDR ranges, comma-separated (such as 127.0.0.1, 10.0.0.0/8,::1 or loopback); a hop count or true is refused.",
  'config.KEIZOKU_BACKUP_AT': '  KEIZOKU_BACKUP_AT must be a 24-hour time HH:MM (such as 03:00) or off.',
  'config.KEIZOKU_BACKUP_TIMEZONE': '  KEIZOKU_BACKUP_TIMEZONE must be an IANA time zone such as Asia/Tokyo.',
  'config.other': '  {{variable}} is not valid: {{detail}}',
  'cli.failed': 'The command failed unexpectedly: {{detail}}',
  // create-admin
  'createAdmin.badEmail': '--email: "{{value}}" is not an e-mail address.',
  'createAdmin.hiddenCharacter': '{{flag}} contains a hidden or control character ({{character}}).',
  'createAdmin.length': '{{flag}} must have 1 to {{max}} characters.',
  'createAdmin.prompt': 'Password for the new owner: ',
  'createAdmin.promptAgain': 'Repeat the password: ',
  'createAdmin.differ': 'The two passwords differ; nothing changed.',
  'createAdmin.refused': 'The password was refused: {{reason}} ({{code}})',
  'createAdmin.exists': 'A user with the e-mail address {{email}} already exists; nothing changed.',
  'createAdmin.done': 'The organization "{{org}}" was created with the owner {{email}}.',
  password_too_short: 'The password must have at least {{minimum}} characters.',
  password_too_common: 'This password is widely used and easy to guess. Please choose another.',
  password_same_as_email: 'The password cannot be the same as your email address.',
  password_too_long: 'The password is too long. Use at most {{maximum}} characters.',
  // migrate
  'migrate.database': 'The database is {{database}}.',
  'migrate.upToDate': 'The database is already up to date; no migration ran.',
  'migrate.applied': 'Applied the migration {{name}}.',
  // reset-password
  'resetPassword.prompt': 'New password for {{email}}: ',
  'resetPassword.noUser': 'No account has the e-mail address {{email}}; nothing changed.',
  'resetPassword.done':
    'The password of {{email}} is changed and its {{count}} login(s) ended. They log in with the new password now; give it to them in person, not by e-mail.',
  // mfa-reset
  'mfaReset.noUser': 'No account has the e-mail address {{email}}; nothing changed.',
  'mfaReset.notOn': 'Two-step login is not on for {{email}}; nothing changed.',
  'mfaReset.done':
    'Two-step login is off for {{email}}. They log in with their password alone and should turn two-step login on again in their account settings.',
  // demo
  'demo.already': 'The demo organization is already loaded (its logins exist); nothing changed.',
  'demo.loaded':
    'The demo organization was loaded with {{sites}} {{sites|site|sites}}, {{departments}} {{departments|department|departments}}, {{people}} {{people|person|people}} and {{users}} {{users|login|logins}}.',
  'demo.inventory':
    '  Its inventory has {{operations}} business {{operations|operation|operations}}, {{systems}} {{systems|system|systems}}, {{components}} {{components|component|components}}, {{suppliers}} {{suppliers|supplier|suppliers}} and {{edges}} {{edges|dependency|dependencies}} between them.',
  'demo.biaSigned':
    '  Its BIA has {{estimates}} damage {{estimates|estimate|estimates}}; it was signed off {{signoffs}} {{signoffs|time|times}}, with {{changes}} {{changes|change|changes}} since (shown against the signed edition).',
  'demo.biaUnsigned':
    '  Its BIA has {{estimates}} damage {{estimates|estimate|estimates}} and is not signed off.',
  'demo.diagnosis':
    '  Its tier diagnosis has {{results}} {{results|result|results}} with {{tasks}} {{tasks|task|tasks}}; {{done}} {{done|item|items}} of the management checklist {{done|is|are}} done.',
  'demo.logins': 'The demo logins are:',
  'demo.login': '  {{role}}: {{email}}',
  'demo.password': '  The password of every demo login is {{password}}',
  // audit verify
  'audit.ok': 'OK, {{count}} entries: every audit hash chain is intact.',
  'audit.broken':
    'BROKEN: {{chains}} audit {{chains|chain fails|chains fail}} verification ({{count}} entries checked).',
  'audit.chain': '  {{who}}: first broken link at seq {{seq}}, entry {{entry}}: {{reason}}',
  'audit.org': 'organization {{id}} ({{name}})',
  'audit.orgDeleted': 'organization {{id}} (deleted)',
  'audit.systemChain': 'the system chain',
  'audit.checkpointUnreadable': 'The checkpoint file {{file}} does not exist or cannot be read.',
  'audit.checkpointInvalid': '{{file}} is not a keizoku audit checkpoint file.',
  'audit.checkpointForged':
    'The checkpoint file {{file}} was altered, or made with another secret key: it cannot be trusted. Use another copy of it.',
  'audit.checkpointOk':
    'Checkpoint of {{createdAt}}: every audit entry it saw in {{chains}} chain(s) is still there.',
  'audit.checkpointMissing':
    '{{who}}: {{missing}} audit {{missing|entry|entries}} recorded before the checkpoint of {{createdAt}} {{missing|is|are}} missing (the checkpoint saw {{seq}}). Someone deleted the newest entries of the audit trail.',
  'audit.checkpointRewritten':
    '{{who}}: audit entry {{seq}} is not the one the checkpoint of {{createdAt}} saw. The audit trail was rewritten after it.',
  'audit.whoSystem': 'The system chain',
  'audit.whoOrg': 'Organization {{name}} ({{chain}})',
  'audit.whoOrgDeleted': 'Organization (deleted) ({{chain}})',
  // backup and restore
  'backup.failed': 'The backup failed.',
  'backup.written': 'The backup of {{database}} was written:',
  'backup.file': '  file:       {{file}}',
  'backup.size': '  size:       {{size}} ({{bytes}} bytes)',
  'backup.sha': '  sha-256:    {{sha256}}',
  'backup.encryptedYes': '  encrypted:  yes, with the passphrase in KEIZOKU_BACKUP_PASSPHRASE.',
  'backup.encryptedNo': '  encrypted:  no; set KEIZOKU_BACKUP_PASSPHRASE to encrypt backups.',
  'backup.checkpoint': '  checkpoint: {{file}}',
  'backup.copy': '  copy:       {{file}}',
  'backup.copyFailed': '  WARNING: {{detail}}',
  'backup.verified': '  {{detail}} The backup restores.',
  'backup.verifyFailed':
    'The backup was written, but a test restore of it failed: {{detail}} Do not rely on this backup.',
  'backup.keepCheckpoint':
    '  Keep the checkpoint file apart from the server: `keizoku audit verify --checkpoint FILE` then shows whether audit entries were deleted since.',
  'restore.restoring': 'Restoring {{file}} ({{size}}, sha-256 {{sha256}}).',
  'restore.into': '  It goes into {{database}}.',
  'restore.bundleFacts': '  It is a backup of {{engine}} made {{createdAt}} by keizoku {{version}}.',
  'restore.sqliteFacts':
    '  It holds {{organizations}} {{organizations|organization|organizations}}, {{users}} {{users|user|users}} and {{entries}} audit {{entries|entry|entries}}.',
  'restore.legacy':
    '  This is a database file from an older keizoku, without its secret key: two-step login secrets will not decrypt; users log in with a recovery code or an admin turns two-step login off.',
  'restore.migrations': '  Migrations applied after the restore: {{names}}.',
  'restore.auditOk': '  The restored audit trail verified: OK, {{count}} entries.',
  'restore.auditBroken':
    '  WARNING: the restored audit trail has {{chains}} broken chain(s); run `keizoku audit verify`.',
  'restore.secretOk': '  The two-step login secret decrypted with the restored key: OK.',
  'restore.secretNone': '  No user has two-step login, so there was no secret to decrypt.',
  'restore.secretBad':
    'The restored key does not decrypt the two-step login secrets: users with two-step login must use a recovery code.',
  'restore.envKeyDiffers':
    '  WARNING: KEIZOKU_SECRET_KEY is set and differs from the key in the backup; unset it, or two-step login secrets will not decrypt.',
  'restore.checkpointMissing':
    "  WARNING: {{missing}} audit entries that the backup's checkpoint saw are missing from the restored database.",
  'restore.done': 'The restore is complete.',
  'restore.unreadable': '{{file}} does not exist or cannot be read.',
  // serve
  'serve.migrations': 'Migrations applied: {{names}}.',
  'serve.demoLoaded': 'The database was empty: the demo organization has been loaded.',
  'serve.running': 'keizoku is running at {{url}} ({{database}}).',
  'serve.backupOff': 'Scheduled backups are off (KEIZOKU_BACKUP_AT=off): run `keizoku backup` yourself.',
  'serve.backupDaily': 'A daily backup runs at {{at}} ({{timeZone}}) into {{dir}}{{copy}}{{encrypted}}.',
  'serve.backupCopy': ', copied to {{dir}}',
  'serve.backupNoCopy': '; no second place is set (KEIZOKU_BACKUP_COPY_DIR)',
  'serve.backupEncrypted': ', encrypted',
  'serve.demoOrg': 'Demo organization: {{name}}.',
  'serve.demoLogIn': '  Log in at {{url}} with:',
  'serve.demoEmail': '    email:    {{email}}',
  'serve.demoPassword': '    password: {{password}}',
  'serve.demoOthers': '  Other demo logins (same password): {{logins}}.',
  'serve.noAccount':
    'There is no account yet: open {{url}} to run the first-run setup (or try the demo there).',
  'serve.stopping': '{{signal}} received: shutting down.',
  'serve.slowStop': 'Shutting down took longer than 10 seconds; exiting now.',
  // BackupError (src/server/backup/): refusals of a backup or restore
  'backupError.exists': '{{file}} already exists; choose another --out file.',
  'backupError.pgNeedsUrl': 'DATABASE_URL is needed to back up PostgreSQL.',
  'backupError.encrypted':
    '{{file}} is encrypted: set KEIZOKU_BACKUP_PASSPHRASE to the passphrase it was made with, and run the restore again.',
  'backupError.wrongPassphrase':
    'The passphrase in KEIZOKU_BACKUP_PASSPHRASE does not open {{file}}, or the file is damaged.',
  'backupError.unpack':
    '{{file}} is incomplete or damaged: it could not be unpacked as a keizoku backup. Use another copy.',
  'backupError.noManifest': '{{file}} is not a keizoku backup: it has no valid manifest.',
  'backupError.newer':
    '{{file}} was made by a newer keizoku ({{version}}); update keizoku before restoring it.',
  'backupError.partMissing': '{{file}} is incomplete: {{part}} is missing. Use another copy.',
  'backupError.partDamaged':
    '{{file}} is damaged: the SHA-256 of {{part}} does not match the manifest (expected {{expected}}, found {{found}}). Use another copy.',
  'backupError.partUnlisted': '{{file}} is incomplete: its manifest lists no {{part}}. Use another copy.',
  'backupError.notSqliteDb': 'The database is not an SQLite database.',
  'backupError.copyIntegrity': 'The copy failed its integrity check: {{detail}}',
  'backupError.notSqlite': '{{file}} is not an SQLite database.',
  'backupError.integrity': "{{file}} failed SQLite's integrity check: {{detail}}",
  'backupError.missingTables': '{{file}} is not a keizoku database (missing tables: {{tables}}).',
  'backupError.noMigrations': '{{file}} is not a keizoku database (no migrations recorded).',
  'backupError.notFound': '{{file}} does not exist.',
  'backupError.targetExists':
    '{{file}} already exists: restore only into an empty data directory (move the current database away first).',
  'backupError.badUrl': 'DATABASE_URL is not a valid URL.',
  'backupError.noProgram': '{{program}} was not found: install the PostgreSQL client tools.',
  'backupError.program': '{{program}} could not run: {{detail}}',
  'backupError.pgDump': 'pg_dump failed:\n{{detail}}',
  'backupError.notPgArchive': '{{file}} is not a pg_dump custom-format archive.',
  'backupError.notKeizokuDump': '{{file}} is not a keizoku database dump (no table {{table}}).',
  'backupError.pgNotEmpty':
    'The PostgreSQL database is not empty ({{tables}} tables): restore only into an empty database.',
  'backupError.pgRestore': 'pg_restore failed:\n{{detail}}',
  'backupError.badKey': 'The secret key in the backup is not a valid key; use another copy.',
  'backupError.badCheckpoint': 'The audit checkpoint in the backup does not match its key; use another copy.',
  'backupError.holdsPg':
    '{{file}} holds a PostgreSQL database: set DATABASE_URL to an empty PostgreSQL database to restore it.',
  'backupError.holdsSqlite':
    '{{file}} holds an SQLite database: unset DATABASE_URL to restore it into DATA_DIR.',
  'backupError.otherKey':
    '{{file}} already exists and holds another key: restore only into an empty data directory (move that file away first).',
  'backupError.failed': 'The backup failed: {{detail}}',
} as const;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  usage: USAGE_JA,
  'cli.unknownCommand': '「{{command}}」というコマンドはありません。使えるコマンドは下のとおりです。',
  'cli.badOption': 'オプションを読み取れませんでした: {{detail}}',
  'cli.noArguments': '`keizoku {{command}}` は引数を取りませんが、次が渡されました: {{args}}。',
  'cli.createAdminNeeds': '`keizoku create-admin` には --email、--name、--org が必要です。',
  'cli.createAdminPositional':
    '`keizoku create-admin` は位置引数を取りません。パスワードを引数で渡すことはできません。',
  'cli.backupPositional': '`keizoku backup` は位置引数を取りません。--out FILE を使ってください。',
  'cli.restoreNeeds': '`keizoku restore` にはファイルを1つだけ指定してください。',
  'cli.mfaResetNeeds': '`keizoku mfa-reset` には --email だけを指定してください。',
  'cli.resetPasswordNeeds':
    '`keizoku reset-password` には --email だけを指定してください。パスワードは引数には書けません。',
  'cli.auditNeeds': '監査コマンドは `keizoku audit verify [--checkpoint FILE]` のように使います。',
  'cli.config': '設定が正しくないため、何もしませんでした。',
  'config.TRUST_PROXY':
    '  TRUST_PROXY にはプロキシのアドレスか CIDR 範囲をカンマ区切りで指定してください(例: 127.0.0.1、10.0.0.0/8,::1、loopback)。ホップ数や true は使えません。',
  'config.KEIZOKU_BACKUP_AT':
    '  KEIZOKU_BACKUP_AT には24時間制の時刻 HH:MM(例: 03:00)か off を指定してください。',
  'config.KEIZOKU_BACKUP_TIMEZONE':
    '  KEIZOKU_BACKUP_TIMEZONE には Asia/Tokyo のような IANA のタイムゾーンを指定してください。',
  'config.other': '  {{variable}} が正しくありません: {{detail}}',
  'cli.failed': 'コマンドが予期せず失敗しました: {{detail}}',
  'createAdmin.badEmail': '--email: 「{{value}}」はメールアドレスではありません。',
  'createAdmin.hiddenCharacter': '{{flag}} に見えない文字か制御文字({{character}})が含まれています。',
  'createAdmin.length': '{{flag}} は1文字以上{{max}}文字以内にしてください。',
  'createAdmin.prompt': '新しいオーナーのパスワード: ',
  'createAdmin.promptAgain': 'もう一度パスワードを入力してください: ',
  'createAdmin.differ': '2回入力したパスワードが違います。何も変更していません。',
  'createAdmin.refused': 'このパスワードは使えません: {{reason}}({{code}})',
  'createAdmin.exists': 'メールアドレス {{email}} のユーザーはすでにいます。何も変更していません。',
  'createAdmin.done': '組織「{{org}}」を作成し、{{email}} をオーナーにしました。',
  password_too_short: 'パスワードは{{minimum}}文字以上にしてください。',
  password_too_common:
    'このパスワードはよく使われていて、推測されやすいため使えません。別のパスワードにしてください。',
  password_same_as_email: 'メールアドレスと同じパスワードは使えません。',
  password_too_long: 'パスワードが長すぎます。{{maximum}}文字以内にしてください。',
  'migrate.database': 'データベースは {{database}} です。',
  'migrate.upToDate': 'データベースはすでに最新です。マイグレーションは実行していません。',
  'migrate.applied': 'マイグレーション {{name}} を適用しました。',
  'resetPassword.prompt': '{{email}} の新しいパスワード: ',
  'resetPassword.noUser': 'メールアドレス {{email}} のアカウントはありません。何も変更していません。',
  'resetPassword.done':
    '{{email}} のパスワードを変更し、ログイン中だった {{count}} 件を終了しました。新しいパスワードでログインできます。パスワードはメールではなく直接伝えてください。',
  'mfaReset.noUser': 'メールアドレス {{email}} のアカウントはありません。何も変更していません。',
  'mfaReset.notOn': '{{email}} の2段階ログインは有効になっていません。何も変更していません。',
  'mfaReset.done':
    '{{email}} の2段階ログインを解除しました。この人はパスワードだけでログインできます。アカウント設定で2段階ログインをもう一度有効にしてもらってください。',
  'demo.already': 'デモ組織はすでに読み込まれています(ログインがあります)。何も変更していません。',
  'demo.loaded':
    'デモ組織を読み込みました: 拠点 {{sites}} 件、部署 {{departments}} 件、人 {{people}} 人、ログイン {{users}} 件です。',
  'demo.inventory':
    '  台帳には業務 {{operations}} 件、システム {{systems}} 件、構成要素 {{components}} 件、取引先 {{suppliers}} 件と、それらの間の依存関係 {{edges}} 件があります。',
  'demo.biaSigned':
    '  BIA には被害見積もりが {{estimates}} 件あり、{{signoffs}} 回承認され、その後の変更が {{changes}} 件あります(承認済みの版と比べて表示します)。',
  'demo.biaUnsigned': '  BIA には被害見積もりが {{estimates}} 件あり、まだ承認されていません。',
  'demo.diagnosis':
    '  ティア診断の結果が {{results}} 件、タスクが {{tasks}} 件あり、経営者チェックリストは {{done}} 項目が済んでいます。',
  'demo.logins': 'デモのログインは次のとおりです:',
  'demo.login': '  {{role}}: {{email}}',
  'demo.password': '  デモのログインのパスワードはすべて {{password}} です。',
  'audit.ok': 'OK、{{count}} 件: すべての監査ハッシュチェーンは壊れていません。',
  'audit.broken': '破損: {{chains}} 本の監査チェーンが検証に失敗しました({{count}} 件を確認しました)。',
  'audit.chain': '  {{who}}: 最初の壊れたつながりは seq {{seq}}、記録 {{entry}} です: {{reason}}',
  'audit.org': '組織 {{id}}({{name}})',
  'audit.orgDeleted': '組織 {{id}}(削除済み)',
  'audit.systemChain': 'システムのチェーン',
  'audit.checkpointUnreadable': 'チェックポイントファイル {{file}} がないか、読めません。',
  'audit.checkpointInvalid': '{{file}} は keizoku の監査チェックポイントファイルではありません。',
  'audit.checkpointForged':
    'チェックポイントファイル {{file}} は書き換えられたか、別の秘密鍵で作られています。信用できないので、別のコピーを使ってください。',
  'audit.checkpointOk':
    '{{createdAt}} のチェックポイント: そこで確認した {{chains}} 本のチェーンの監査記録はすべて残っています。',
  'audit.checkpointMissing':
    '{{who}}: {{createdAt}} のチェックポイントより前の監査記録が {{missing}} 件なくなっています(チェックポイントは {{seq}} まで確認しました)。誰かが監査記録の最新の部分を削除しました。',
  'audit.checkpointRewritten':
    '{{who}}: 監査記録 {{seq}} は {{createdAt}} のチェックポイントが確認したものと違います。その後に監査記録が書き換えられました。',
  'audit.whoSystem': 'システムのチェーン',
  'audit.whoOrg': '組織 {{name}}({{chain}})',
  'audit.whoOrgDeleted': '組織(削除済み)({{chain}})',
  'backup.failed': 'バックアップに失敗しました。',
  'backup.written': '{{database}} のバックアップを書き出しました:',
  'backup.file': '  ファイル:           {{file}}',
  'backup.size': '  サイズ:             {{size}}({{bytes}} バイト)',
  'backup.sha': '  sha-256:            {{sha256}}',
  'backup.encryptedYes': '  暗号化:             あり(KEIZOKU_BACKUP_PASSPHRASE のパスフレーズ)。',
  'backup.encryptedNo':
    '  暗号化:             なし。暗号化するには KEIZOKU_BACKUP_PASSPHRASE を設定してください。',
  'backup.checkpoint': '  チェックポイント:   {{file}}',
  'backup.copy': '  コピー:             {{file}}',
  'backup.copyFailed': '  警告: {{detail}}',
  'backup.verified': '  {{detail}} このバックアップは復元できます。',
  'backup.verifyFailed':
    'バックアップは書き出しましたが、試しの復元に失敗しました: {{detail}} このバックアップには頼らないでください。',
  'backup.keepCheckpoint':
    '  チェックポイントファイルはサーバーとは別の場所に保管してください。`keizoku audit verify --checkpoint FILE` で、それ以降に監査記録が削除されたかどうかがわかります。',
  'restore.restoring': '{{file}}({{size}}、sha-256 {{sha256}})を復元しています。',
  'restore.into': '  復元先は {{database}} です。',
  'restore.bundleFacts':
    '  これは {{createdAt}} に keizoku {{version}} が作った {{engine}} のバックアップです。',
  'restore.sqliteFacts':
    '  組織 {{organizations}} 件、ユーザー {{users}} 人、監査記録 {{entries}} 件が入っています。',
  'restore.legacy':
    '  これは古い keizoku のデータベースファイルで、秘密鍵が入っていません。2段階ログインの秘密は復号できないので、利用者はリカバリーコードでログインするか、管理者が2段階ログインを解除してください。',
  'restore.migrations': '  復元後に適用したマイグレーション: {{names}}。',
  'restore.auditOk': '  監査記録を検証しました: OK、{{count}} 件。',
  'restore.auditBroken':
    '  警告: 復元した監査記録には壊れたチェーンが {{chains}} 本あります。`keizoku audit verify` を実行してください。',
  'restore.secretOk': '  復元した鍵で2段階ログインの秘密を復号できました: OK。',
  'restore.secretNone': '  2段階ログインを使っているユーザーがいないので、復号する秘密はありませんでした。',
  'restore.secretBad':
    '復元した鍵では2段階ログインの秘密を復号できません。2段階ログインを使っている人はリカバリーコードを使ってください。',
  'restore.envKeyDiffers':
    '  警告: KEIZOKU_SECRET_KEY が設定されていて、バックアップの鍵と違います。設定を外さないと2段階ログインの秘密を復号できません。',
  'restore.checkpointMissing':
    '  警告: バックアップのチェックポイントが確認した監査記録のうち {{missing}} 件が、復元したデータベースにありません。',
  'restore.done': '復元が完了しました。',
  'restore.unreadable': '{{file}} がないか、読めません。',
  'serve.migrations': 'マイグレーションを適用しました: {{names}}。',
  'serve.demoLoaded': 'データベースが空だったので、デモ組織を読み込みました。',
  'serve.running': 'keizoku は {{url}} で動いています({{database}})。',
  'serve.backupOff':
    '定時バックアップは無効です(KEIZOKU_BACKUP_AT=off)。`keizoku backup` を自分で実行してください。',
  'serve.backupDaily': '毎日 {{at}}({{timeZone}})に {{dir}} へバックアップします{{copy}}{{encrypted}}。',
  'serve.backupCopy': '。コピー先は {{dir}} です',
  'serve.backupNoCopy': '。2つめの置き場所(KEIZOKU_BACKUP_COPY_DIR)は設定されていません',
  'serve.backupEncrypted': '。暗号化します',
  'serve.demoOrg': 'デモ組織: {{name}}。',
  'serve.demoLogIn': '  {{url}} で次のとおりログインしてください:',
  'serve.demoEmail': '    メール:     {{email}}',
  'serve.demoPassword': '    パスワード: {{password}}',
  'serve.demoOthers': '  ほかのデモのログイン(パスワードは同じ): {{logins}}。',
  'serve.noAccount':
    'アカウントはまだありません。{{url}} を開いて初期設定をしてください(デモもそこで試せます)。',
  'serve.stopping': '{{signal}} を受け取りました。終了します。',
  'serve.slowStop': '終了に10秒以上かかったため、今すぐ終了します。',
  'backupError.exists': '{{file}} はすでにあります。別の --out ファイルを指定してください。',
  'backupError.pgNeedsUrl': 'PostgreSQL をバックアップするには DATABASE_URL が必要です。',
  'backupError.encrypted':
    '{{file}} は暗号化されています。作ったときのパスフレーズを KEIZOKU_BACKUP_PASSPHRASE に設定して、もう一度復元してください。',
  'backupError.wrongPassphrase':
    'KEIZOKU_BACKUP_PASSPHRASE のパスフレーズでは {{file}} を開けません。またはファイルが壊れています。',
  'backupError.unpack':
    '{{file}} は不完全か壊れていて、keizoku のバックアップとして展開できません。別のコピーを使ってください。',
  'backupError.noManifest':
    '{{file}} は keizoku のバックアップではありません。正しいマニフェストがありません。',
  'backupError.newer':
    '{{file}} は新しい keizoku({{version}})で作られています。復元する前に keizoku を更新してください。',
  'backupError.partMissing': '{{file}} は不完全です。{{part}} がありません。別のコピーを使ってください。',
  'backupError.partDamaged':
    '{{file}} は壊れています。{{part}} の SHA-256 がマニフェストと一致しません(期待値 {{expected}}、実際 {{found}})。別のコピーを使ってください。',
  'backupError.partUnlisted':
    '{{file}} は不完全です。マニフェストに {{part}} がありません。別のコピーを使ってください。',
  'backupError.notSqliteDb': 'このデータベースは SQLite のデータベースではありません。',
  'backupError.copyIntegrity': 'コピーが整合性チェックに失敗しました: {{detail}}',
  'backupError.notSqlite': '{{file}} は SQLite のデータベースではありません。',
  'backupError.integrity': '{{file}} は SQLite の整合性チェックに失敗しました: {{detail}}',
  'backupError.missingTables': '{{file}} は keizoku のデータベースではありません(ないテーブル: {{tables}})。',
  'backupError.noMigrations':
    '{{file}} は keizoku のデータベースではありません(マイグレーションの記録がありません)。',
  'backupError.notFound': '{{file}} がありません。',
  'backupError.targetExists':
    '{{file}} はすでにあります。復元は空のデータディレクトリにだけできます(いまのデータベースを先に移動してください)。',
  'backupError.badUrl': 'DATABASE_URL は正しい URL ではありません。',
  'backupError.noProgram':
    '{{program}} が見つかりません。PostgreSQL のクライアントツールをインストールしてください。',
  'backupError.program': '{{program}} を実行できませんでした: {{detail}}',
  'backupError.pgDump': 'pg_dump が失敗しました:\n{{detail}}',
  'backupError.notPgArchive': '{{file}} は pg_dump のカスタム形式のアーカイブではありません。',
  'backupError.notKeizokuDump':
    '{{file}} は keizoku のデータベースのダンプではありません(テーブル {{table}} がありません)。',
  'backupError.pgNotEmpty':
    'PostgreSQL のデータベースが空ではありません(テーブル {{tables}} 個)。復元は空のデータベースにだけできます。',
  'backupError.pgRestore': 'pg_restore が失敗しました:\n{{detail}}',
  'backupError.badKey': 'バックアップの秘密鍵は正しい鍵ではありません。別のコピーを使ってください。',
  'backupError.badCheckpoint':
    'バックアップの監査チェックポイントが鍵と一致しません。別のコピーを使ってください。',
  'backupError.holdsPg':
    '{{file}} には PostgreSQL のデータベースが入っています。復元するには DATABASE_URL に空の PostgreSQL データベースを設定してください。',
  'backupError.holdsSqlite':
    '{{file}} には SQLite のデータベースが入っています。DATA_DIR に復元するには DATABASE_URL の設定を外してください。',
  'backupError.otherKey':
    '{{file}} はすでにあり、別の鍵が入っています。復元は空のデータディレクトリにだけできます(そのファイルを先に移動してください)。',
  'backupError.failed': 'バックアップに失敗しました: {{detail}}',
};

/** True for a key of the catalog (a config variable's own sentence, say). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** Both catalogs, for the test that walks every key. */
export const CLI_MESSAGES: Record<CliLang, Record<MessageKey, string>> = { en, ja };

export type MessageParams = Record<string, string | number>;

/**
 * One sentence in one language: `{{name}}` is params.name; `{{name|one|other}}` is `one` when
 * params.name is 1, else `other` (English plurals; Japanese needs none).
 * @example translate('en', 'demo.logins') // 'The demo logins are:'
 */
export function translate(lang: CliLang, key: MessageKey, params: MessageParams = {}): string {
  return CLI_MESSAGES[lang][key].replace(
    /\{\{(\w+)(?:\|([^|}]*)\|([^|}]*))?\}\}/g,
    (whole, name: string, one?: string, other?: string) => {
      if (!Object.hasOwn(params, name)) return whole;
      const value = params[name];
      if (one === undefined || other === undefined) return String(value);
      return Number(value) === 1 ? one : other;
    },
  );
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The translator for the language this environment asks for. */
export function translator(env: NodeJS.ProcessEnv): Translate {
  const lang = cliLang(env);
  return (key, params) => translate(lang, key, params);
}
