import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A row's icon button: a short verb as its tooltip, an accessible name that names the row
 * ("Delete Yamada"), red for what removes something.
 */
export function IconAction({
  tooltip,
  label,
  danger = false,
  onClick,
  children,
}: {
  tooltip: string;
  label: string;
  danger?: boolean;
  onClick: () => void;
  /** The icon (aria-hidden, size 18). */
  children: ReactNode;
}) {
  return (
    <Tooltip label={tooltip}>
      <ActionIcon
        variant="subtle"
        color={danger ? 'red' : undefined}
        size="lg"
        aria-label={label}
        onClick={onClick}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
