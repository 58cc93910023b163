import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/** A short notice in the corner; its close button is named for screen readers. */
export function notify(message: string, color: 'teal' | 'red' = 'teal', title?: string): void {
  notifications.show({
    color,
    message,
    ...(title ? { title } : {}),
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
