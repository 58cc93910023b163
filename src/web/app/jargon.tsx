import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A technical term (RTO, BIA …) with its one-line explanation on hover, keyboard focus or touch.
 * The explanation is also the element's accessible description.
 */
export function Jargon({ children, explain }: { children: ReactNode; explain: string }) {
  return (
    <Tooltip label={explain} multiline maw={300} events={{ hover: true, focus: true, touch: true }}>
      <abbr title={explain} tabIndex={0} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
        {children}
      </abbr>
    </Tooltip>
  );
}
