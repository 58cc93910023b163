import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a phone. The scrolling box can take keyboard focus (so
 * it can be scrolled without a mouse) and is named by the section heading (or by `label`).
 */
export function ScrollTable({
  labelledBy,
  label,
  minWidth,
  children,
}: {
  labelledBy?: string;
  label?: string;
  minWidth: number;
  children: ReactNode;
}) {
  // A scrollable region must be reachable by keyboard (WCAG 2.1.1), hence tabIndex on a box.
  // position: relative keeps absolutely placed children (visually hidden labels) inside the
  // scrolling box; without it they widened the whole page on a phone.
  return (
    <Box
      role="group"
      aria-labelledby={labelledBy}
      aria-label={label}
      tabIndex={0}
      style={{ overflowX: 'auto', position: 'relative' }}
    >
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
