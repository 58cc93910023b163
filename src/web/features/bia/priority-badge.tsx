import { Badge, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITY_COLORS } from '../graph/labels.js';

/** A priority letter on its colour; screen readers hear "priority S" (the words are in the text, not a label on a span). */
export function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  const { t } = useTranslation();
  if (!priority)
    return (
      <Text span size="sm" c="dimmed">
        {t('bia.noPriority')}
      </Text>
    );
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant="filled">
      <VisuallyHidden>{t('bia.priorityLabel', { priority })}</VisuallyHidden>
      <span aria-hidden="true">{priority}</span>
    </Badge>
  );
}
