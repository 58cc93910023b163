import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITY_COLORS } from '../features/graph/labels.js';

/**
 * A priority letter on its colour. It is an image of "priority S" to screen readers (role img),
 * since a name given to a plain span is not read.
 */
export function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  const { t } = useTranslation();
  if (!priority)
    return (
      <Text span size="sm" c="dimmed">
        {t('bia.noPriority')}
      </Text>
    );
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant="filled"
      role="img"
      aria-label={t('bia.priorityLabel', { priority })}
    >
      {priority}
    </Badge>
  );
}
