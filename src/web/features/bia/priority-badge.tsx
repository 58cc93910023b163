import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITY_COLORS } from '../graph/labels.js';

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
      aria-label={t('bia.priorityLabel', { priority })}
    >
      {priority}
    </Badge>
  );
}
