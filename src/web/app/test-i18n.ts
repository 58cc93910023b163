import i18n from 'i18next';
import en from '../i18n/locales/en.json' with { type: 'json' };

/**
 * For unit tests of functions that translate: i18next in English with the app's main texts and
 * the given feature files (e.g. people.en.json). Returns the `t` to pass.
 */
export async function englishT(...features: object[]) {
  await i18n.init({
    lng: 'en',
    resources: { en: { translation: en } },
    interpolation: { escapeValue: false },
    showSupportNotice: false, // no advert for i18next's vendor in the console or the test log
  });
  for (const bundle of features) i18n.addResourceBundle('en', 'translation', bundle, true, true);
  return i18n.t.bind(i18n);
}
