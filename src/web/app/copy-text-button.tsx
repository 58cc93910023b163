import { Button, CopyButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Copies a text (a link, a secret, recovery codes) and says "Copied" for a moment. `highlight`
 * also turns the button teal while it says so.
 */
export function CopyTextButton({
  value,
  label,
  size,
  highlight = false,
  w,
}: {
  value: string;
  /** What the button says before copying; "Copy" when not given. */
  label?: string;
  size?: 'xs';
  highlight?: boolean;
  w?: 'fit-content';
}) {
  const { t } = useTranslation();
  const iconSize = size === 'xs' ? 14 : 16;
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size={size}
          variant={highlight && copied ? 'filled' : 'default'}
          color={highlight && copied ? 'teal' : undefined}
          onClick={copy}
          leftSection={
            copied ? (
              <IconCheck size={iconSize} aria-hidden="true" />
            ) : (
              <IconCopy size={iconSize} aria-hidden="true" />
            )
          }
          w={w}
        >
          {copied ? t('common.copied') : (label ?? t('common.copy'))}
        </Button>
      )}
    </CopyButton>
  );
}
