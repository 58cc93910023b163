import { SegmentedControl } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyLanguage, isLanguage, type Language } from '../i18n/index.js';
import { api } from './api.js';
import { SESSION_KEY, useSession } from './session.js';

/**
 * 日本語 / English. Signed-in users keep their choice on their account (PATCH /me); before
 * signing in it is kept in this browser.
 */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const { data: session } = useSession();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Language) => api.patch('/me', { locale }),
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
  const change = (value: string) => {
    if (!isLanguage(value)) return;
    void applyLanguage(value);
    if (session?.authenticated && !session.mfaPending) save.mutate(value);
  };
  return (
    <SegmentedControl
      size={size}
      value={i18n.language}
      onChange={change}
      aria-label={t('language.label')}
      data={[
        // Each name in its own language, marked so screen readers pronounce it right.
        // i18n-ignore: a language's own name reads the same in every interface language.
        { value: 'ja', label: <span lang="ja">日本語</span> },
        // i18n-ignore: as above.
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
}
