import { Alert, Badge, Button, Code, Group, Image, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaSetupResponse, RecoveryCodesResponse } from '../../../shared/auth.js';
import { OneTimeCodeField, PasswordField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { CopyTextButton } from '../../app/copy-text-button.js';
import { ApiForm, FormSection, required, useApiErrors } from '../../app/forms.js';
import { notify } from '../../app/notify.js';
import { SESSION_KEY, useAuthedSession } from '../../app/session.js';

type Mode =
  | { kind: 'idle' }
  | { kind: 'enrolling'; setup: MfaSetupResponse }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'confirm'; action: 'disable' | 'regenerate' };

/**
 * The server's QR code as an image. It is an SVG document from our own server, but it is still
 * shown through <img> (a data: URL), never injected as HTML, so it cannot run anything.
 */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Two-step sign-in (TOTP): turn on with a QR code, recovery codes shown once, turn off. */
export function MfaSection() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const enabled = session.user.mfaEnabled;

  const start = useMutation({
    mutationFn: () => api.post<MfaSetupResponse>('/me/mfa/setup'),
    onSuccess: (setup) => setMode({ kind: 'enrolling', setup }),
  });

  return (
    <FormSection
      id="account-mfa"
      title={t('mfaSetup.title')}
      hint={t('mfaSetup.explain')}
      aside={
        <Badge variant="light" color={enabled ? 'teal' : 'gray'}>
          {enabled ? t('members.mfaOn') : t('members.mfaOff')}
        </Badge>
      }
    >
      {mode.kind === 'codes' ? (
        <RecoveryCodes codes={mode.codes} onDone={() => setMode({ kind: 'idle' })} />
      ) : mode.kind === 'enrolling' ? (
        <Enrol
          setup={mode.setup}
          onCancel={() => setMode({ kind: 'idle' })}
          onEnabled={async (codes) => {
            setMode({ kind: 'codes', codes });
            await client.invalidateQueries({ queryKey: SESSION_KEY });
          }}
        />
      ) : mode.kind === 'confirm' ? (
        <ConfirmPassword
          action={mode.action}
          onCancel={() => setMode({ kind: 'idle' })}
          onDone={async (codes) => {
            if (codes) setMode({ kind: 'codes', codes });
            else {
              setMode({ kind: 'idle' });
              notify(t('mfaSetup.disabled'));
            }
            await client.invalidateQueries({ queryKey: SESSION_KEY });
          }}
        />
      ) : enabled ? (
        <Group>
          <Button variant="default" onClick={() => setMode({ kind: 'confirm', action: 'regenerate' })}>
            {t('mfaSetup.newCodes')}
          </Button>
          <Button
            variant="outline"
            color="red"
            onClick={() => setMode({ kind: 'confirm', action: 'disable' })}
          >
            {t('mfaSetup.turnOff')}
          </Button>
        </Group>
      ) : (
        <Group>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('mfaSetup.turnOn')}
          </Button>
        </Group>
      )}
    </FormSection>
  );
}

function Enrol({
  setup,
  onCancel,
  onEnabled,
}: {
  setup: MfaSetupResponse;
  onCancel: () => void;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ mode: 'controlled', initialValues: { code: '' }, validate: { code: required(t) } });
  const errors = useApiErrors(form);
  const enable = useMutation({
    mutationFn: (code: string) => api.post<RecoveryCodesResponse>('/me/mfa/enable', { code }),
    onSuccess: (res) => onEnabled(res.recoveryCodes),
    onError: (err) => {
      errors.show(err);
      form.setFieldValue('code', '');
    },
  });
  return (
    <Stack>
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t('mfaSetup.step1')}</List.Item>
        <List.Item>{t('mfaSetup.step2')}</List.Item>
        <List.Item>{t('mfaSetup.step3')}</List.Item>
      </List>
      <Group align="flex-start" gap="lg">
        <Image
          src={svgDataUrl(setup.qrSvg)}
          alt={t('mfaSetup.qrAlt')}
          w={200}
          h={200}
          fit="contain"
          bg="white"
          style={{ border: '1px solid var(--mantine-color-gray-3)' }}
        />
        <Stack gap={4} style={{ flex: '1 1 200px', minWidth: 0 }}>
          <Text size="sm">{t('mfaSetup.manual')}</Text>
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
          </Code>
          <CopyTextButton value={setup.secret} label={t('mfaSetup.copySecret')} size="xs" w="fit-content" />
        </Stack>
      </Group>
      <ApiForm
        form={form}
        errors={errors}
        onSubmit={(values) => enable.mutate(values.code.replace(/\s+/g, ''))}
      >
        <OneTimeCodeField description={t('mfaSetup.codeHint')} maw={240} {...form.getInputProps('code')} />
        <Group>
          <Button type="submit" loading={enable.isPending}>
            {t('mfaSetup.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={enable.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </ApiForm>
    </Stack>
  );
}

function ConfirmPassword({
  action,
  onCancel,
  onDone,
}: {
  action: 'disable' | 'regenerate';
  onCancel: () => void;
  onDone: (codes: string[] | null) => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '' },
    validate: { password: required(t) },
  });
  const errors = useApiErrors(form);
  const run = useMutation({
    mutationFn: async (password: string): Promise<string[] | null> => {
      if (action === 'disable') {
        await api.post('/me/mfa/disable', { password });
        return null;
      }
      return (await api.post<RecoveryCodesResponse>('/me/mfa/recovery-codes', { password })).recoveryCodes;
    },
    onSuccess: onDone,
    onError: (err) => {
      errors.show(err);
      form.setFieldValue('password', '');
    },
  });
  return (
    <ApiForm
      form={form}
      errors={errors}
      onSubmit={(values) => run.mutate(values.password)}
      intro={
        <Text size="sm">
          {action === 'disable' ? t('mfaSetup.disableExplain') : t('mfaSetup.regenerateExplain')}
        </Text>
      }
    >
      <PasswordField
        label={t('mfaSetup.passwordToConfirm')}
        withAsterisk
        autoComplete="current-password"
        maw={320}
        {...form.getInputProps('password')}
      />
      <Group>
        <Button type="submit" color={action === 'disable' ? 'red' : undefined} loading={run.isPending}>
          {action === 'disable' ? t('mfaSetup.turnOff') : t('mfaSetup.newCodes')}
        </Button>
        <Button variant="default" onClick={onCancel} disabled={run.isPending}>
          {t('common.cancel')}
        </Button>
      </Group>
    </ApiForm>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const text = `${t('mfaSetup.codesFileHeader')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'keizoku-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack>
      <Alert color="yellow" title={t('mfaSetup.codesTitle')}>
        {t('mfaSetup.codesExplain')}
      </Alert>
      <SimpleGrid cols={2} spacing="xs" maw={360} aria-label={t('mfaSetup.codesTitle')} role="list">
        {codes.map((code) => (
          <Code key={code} role="listitem" fz="md" ta="center">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <CopyTextButton value={codes.join('\n')} />
        <Button
          variant="default"
          onClick={download}
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t('mfaSetup.download')}
        </Button>
        <Button onClick={onDone}>{t('mfaSetup.saved')}</Button>
      </Group>
    </Stack>
  );
}
