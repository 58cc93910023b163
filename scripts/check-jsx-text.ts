/**
 * Fails on text in the web app's JSX that does not go through i18next (`t(…)` / `<Trans>`):
 *   - text children with a letter in them: <Button>保存</Button>, <p>Save</p>;
 *   - string literals as children: <p>{'Save'}</p>;
 *   - string literals with a letter in user-facing props: label, title, placeholder, aria-label,
 *     alt, description, error, message, confirmLabel, cancelLabel, tooltip, aria-description.
 * Symbols and punctuation alone (「」, →, :, ·, numbers) pass. Words that are the same in every
 * language (a brand, a unit symbol) go through t() too, or carry a reason on the line before:
 *   // i18n-ignore: <why this text is not translated>
 *
 * Run: npm run lint:i18n (part of npm run lint). Exit 1 and one line per finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const WEB = path.join(ROOT, 'src/web');
const USER_FACING_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'alt',
  'description',
  'error',
  'message',
  'confirmLabel',
  'cancelLabel',
  'tooltip',
]);
const LETTER = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(full);
    return e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [full] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  what: string;
}

function check(file: string): Finding[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Finding[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
    if (/i18n-ignore:\s*\S/.test(lines[line - 1] ?? '') || /i18n-ignore:\s*\S/.test(lines[line] ?? ''))
      return;
    out.push({ file: path.relative(ROOT, file), line: line + 1, what });
  };
  const literal = (e: ts.Expression | undefined): string | null => {
    if (!e) return null;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isParenthesizedExpression(e)) return literal(e.expression);
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const t = node.text.trim();
      if (LETTER.test(t)) report(node, `text child "${t.slice(0, 40)}"`);
    } else if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent)) {
      const t = literal(node.expression);
      if (t !== null && LETTER.test(t)) report(node, `string child "${t.slice(0, 40)}"`);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(source);
      if (USER_FACING_PROPS.has(name) && node.initializer) {
        const init = node.initializer;
        const t = ts.isStringLiteral(init)
          ? init.text
          : ts.isJsxExpression(init)
            ? literal(init.expression)
            : null;
        if (t !== null && LETTER.test(t)) report(node, `${name}="${t.slice(0, 40)}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const findings = tsxFiles(WEB).flatMap(check);
for (const f of findings)
  console.error(
    `${f.file}:${f.line}  untranslated ${f.what}: use t('…') with the key in src/web/i18n (ja and en)`,
  );
if (findings.length > 0) {
  console.error(`\n${findings.length} untranslated text(s) in JSX.`);
  process.exit(1);
}
console.log('JSX text: every user-facing string goes through t().');
