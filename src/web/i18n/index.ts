import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../domain/organization.js';
import { setFormatLanguage } from '../app/errors.js';
import auditJa from './locales/features/audit.ja.json' with { type: 'json' };
import glossaryJa from './locales/features/glossary.ja.json' with { type: 'json' };
import homeJa from './locales/features/home.ja.json' with { type: 'json' };
import peopleJa from './locales/features/people.ja.json' with { type: 'json' };
import structureJa from './locales/features/structure.ja.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };

const LANGUAGES = LOCALES;
export type Language = Locale;
export const DEFAULT_LANGUAGE: Language = 'ja';

const STORAGE_KEY = 'keizoku.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen before logging in (kept in this browser), else Japanese. */
function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * Feature texts (people, structure, audit, home, the glossary's words) live in their own files and are
 * merged into each language.
 */
const FEATURE_BUNDLES_JA = [peopleJa, structureJa, auditJa, homeJa, glossaryJa];
/**
 * The IT-BCP modules' Japanese texts (diagnosis, inventory, BIA, damage, backups) are fetched as their own
 * files while the app starts, so the first download stays under its size budget.
 */
async function moduleBundlesJa(): Promise<object[]> {
  const bundles = await Promise.all([
    import('./locales/features/diagnosis.ja.json', { with: { type: 'json' } }),
    import('./locales/features/inventory.ja.json', { with: { type: 'json' } }),
    import('./locales/features/bia.ja.json', { with: { type: 'json' } }),
    import('./locales/features/damage.ja.json', { with: { type: 'json' } }),
    import('./locales/features/backups.ja.json', { with: { type: 'json' } }),
    import('./locales/features/backup-plan.ja.json', { with: { type: 'json' } }),
    import('./locales/features/plan.ja.json', { with: { type: 'json' } }),
    import('./locales/features/recovery.ja.json', { with: { type: 'json' } }),
    import('./locales/features/incidents.ja.json', { with: { type: 'json' } }),
    import('./locales/features/safety.ja.json', { with: { type: 'json' } }),
    import('./locales/features/assessment.ja.json', { with: { type: 'json' } }),
  ]);
  return bundles.map((b) => b.default);
}
async function featureBundlesEn(): Promise<object[]> {
  const bundles = await Promise.all([
    import('./locales/features/people.en.json', { with: { type: 'json' } }),
    import('./locales/features/structure.en.json', { with: { type: 'json' } }),
    import('./locales/features/audit.en.json', { with: { type: 'json' } }),
    import('./locales/features/glossary.en.json', { with: { type: 'json' } }),
    import('./locales/features/home.en.json', { with: { type: 'json' } }),
    import('./locales/features/diagnosis.en.json', { with: { type: 'json' } }),
    import('./locales/features/inventory.en.json', { with: { type: 'json' } }),
    import('./locales/features/bia.en.json', { with: { type: 'json' } }),
    import('./locales/features/damage.en.json', { with: { type: 'json' } }),
    import('./locales/features/backups.en.json', { with: { type: 'json' } }),
    import('./locales/features/backup-plan.en.json', { with: { type: 'json' } }),
    import('./locales/features/plan.en.json', { with: { type: 'json' } }),
    import('./locales/features/recovery.en.json', { with: { type: 'json' } }),
    import('./locales/features/incidents.en.json', { with: { type: 'json' } }),
    import('./locales/features/safety.en.json', { with: { type: 'json' } }),
    import('./locales/features/assessment.en.json', { with: { type: 'json' } }),
  ]);
  return bundles.map((b) => b.default);
}

/** Japanese ships with the first download; English is fetched the first time it is needed. */
async function ensureLoaded(lang: Language): Promise<void> {
  if (i18n.hasResourceBundle(lang, 'translation')) return;
  if (lang === 'en') {
    // All English files arrive before any is added, so no screen sees English half loaded.
    const [en, features] = await Promise.all([
      import('./locales/en.json', { with: { type: 'json' } }),
      featureBundlesEn(),
    ]);
    i18n.addResourceBundle('en', 'translation', en.default, true, true);
    for (const bundle of features) i18n.addResourceBundle('en', 'translation', bundle, true, true);
  }
}

/** Switches the UI language, remembers it in this browser and updates <html lang>. */
export async function applyLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await ensureLoaded(lang);
  document.documentElement.lang = lang;
  setFormatLanguage(lang);
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

/** Starts i18next in the language chosen earlier in this browser (Japanese by default). */
export async function initI18n(): Promise<typeof i18n> {
  const lang = storedLanguage();
  await i18n.use(initReactI18next).init({
    resources: { ja: { translation: ja } },
    lng: DEFAULT_LANGUAGE,
    partialBundledLanguages: true,
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    showSupportNotice: false, // no advert for i18next's vendor in the console or the test log
  });
  const modules = await moduleBundlesJa();
  for (const bundle of [...FEATURE_BUNDLES_JA, ...modules])
    i18n.addResourceBundle('ja', 'translation', bundle, true, true);
  await applyLanguage(lang);
  return i18n;
}
