import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prefectureByCode } from '../../../domain/prefectures.js';
import {
  QUAKE_MAX_HOLD_MINUTES,
  QUAKE_SEND_MODES,
  type QuakeSendMode,
} from '../../../domain/quake-trigger.js';
import {
  intensityLabel,
  SEISMIC_INTENSITIES,
  type SeismicIntensity,
} from '../../../domain/seismic-intensity.js';
import {
  type QuakeEvent,
  QuakeEventListSchema,
  QuakeEventSchema,
  QuakeSettingsSchema,
  QuakeTokenSchema,
} from '../../../shared/quake.js';
import { ApiError, api, parsedApi } from '../../app/api.js';
import { CopyTextButton } from '../../app/copy-text-button.js';
import { errorMessage } from '../../app/errors.js';
import { SubmitRow } from '../../app/forms.js';
import { useCan } from '../../app/session.js';
import { INCIDENTS_KEY } from './api.js';
import { useIncidentFieldErrors } from './issues.js';

const SETTINGS_KEY = [...INCIDENTS_KEY, 'quake-settings'] as const;

/**
 * On an incident the earthquake trigger declared: the HQ's confirmation to send the safety
 * confirmation requests (or not), while it waits; afterwards what was decided.
 */
export function QuakeConfirmation({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const queryClient = useQueryClient();
  const events = useQuery({
    queryKey: [...INCIDENTS_KEY, incidentId, 'quake'],
    queryFn: () =>
      parsedApi.get(QuakeEventListSchema, `/quake/events?incidentId=${encodeURIComponent(incidentId)}`),
  });
  const [error, setError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: ({ event, send }: { event: QuakeEvent; send: boolean }) =>
      parsedApi.post(
        QuakeEventSchema,
        `/quake/events/${encodeURIComponent(event.id)}/${send ? 'confirm' : 'dismiss'}`,
      ),
    onMutate: () => setError(null),
    onError: (err) => setError(errorMessage(t, err)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  if (events.error)
    return (
      <Alert mb="md" color="red" variant="light" role="alert">
        {errorMessage(t, events.error)}
      </Alert>
    );
  const event = events.data?.items[0];
  if (!event) return null;
  const places = event.prefectures
    .map(
      (p) =>
        `${prefectureByCode(p.prefecture)?.[lang] ?? p.prefecture} ${intensityLabel(p.maxIntensity, lang)}`,
    )
    .join(lang === 'ja' ? '、' : ', ');
  const pending = event.confirmation === 'pending';
  return (
    <Alert
      mb="md"
      color={pending ? 'red' : 'gray'}
      variant="light"
      title={
        pending
          ? t('incidents.quake.pendingTitle')
          : t(`incidents.quake.answered.${event.confirmation ?? 'auto'}`)
      }
    >
      <Stack gap="xs">
        <Text size="sm">{t('incidents.quake.where', { places })}</Text>
        {event.headline && <Text size="sm">{event.headline}</Text>}
        {pending && can('incidents.write') && (
          <Group gap="xs">
            <Button
              color="red"
              loading={answer.isPending && answer.variables?.send === true}
              onClick={() => answer.mutate({ event, send: true })}
            >
              {t('incidents.quake.confirm')}
            </Button>
            <Button
              variant="default"
              loading={answer.isPending && answer.variables?.send === false}
              onClick={() => answer.mutate({ event, send: false })}
            >
              {t('incidents.quake.dismiss')}
            </Button>
          </Group>
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

interface Form {
  enabled: boolean;
  threshold: SeismicIntensity;
  holdMinutes: number;
  sendMode: QuakeSendMode;
  feedUrl: string;
}

/**
 * The earthquake trigger's settings (owners and administrators): on or off, the intensity that
 * starts it, how long a first report is held, whether the HQ confirms before safety requests go
 * out, an optional feed to read, and the token a relay of the agency's reports sends with a push.
 */
export function QuakeSettingsCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => parsedApi.get(QuakeSettingsSchema, '/quake/settings'),
  });
  const [form, setForm] = useState<Form | null>(null);
  const { errors, formRef, clear, show } = useIncidentFieldErrors();
  const [notice, setNotice] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const s = settings.data;
  useEffect(() => {
    if (s)
      setForm({
        enabled: s.enabled,
        threshold: s.threshold,
        holdMinutes: s.holdMinutes,
        sendMode: s.sendMode,
        feedUrl: s.feedUrl ?? '',
      });
  }, [s]);
  const save = useMutation({
    mutationFn: async (f: Form) =>
      QuakeSettingsSchema.parse(
        await api.put(
          '/quake/settings',
          { ...f, feedUrl: f.feedUrl.trim() === '' ? null : f.feedUrl.trim() },
          { ifMatch: s?.version ?? 0 },
        ),
      ),
    onMutate: () => {
      clear();
      setNotice(null);
    },
    onSuccess: () => setNotice(t('incidents.quake.saved')),
    onError: (err) => {
      if (err instanceof ApiError && err.issues.length) show(err);
      else setNotice(errorMessage(t, err));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
  const renew = useMutation({
    mutationFn: () => parsedApi.post(QuakeTokenSchema, '/quake/settings/token'),
    onSuccess: (r) => setToken(r.token),
    onError: (err) => setNotice(errorMessage(t, err)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY }),
  });
  if (!form || !s) return null;
  return (
    <Card withBorder padding="md" mt="xl" component="section" aria-labelledby="quake-settings-title">
      <Title order={2} size="h3" id="quake-settings-title">
        {t('incidents.quake.settingsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('incidents.quake.settingsHelp')}
      </Text>
      <form
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(form);
        }}
      >
        <Stack gap="sm">
          <Switch
            label={t('incidents.quake.enabled')}
            checked={form.enabled}
            onChange={(e) => setForm({ ...form, enabled: e.currentTarget.checked })}
          />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label={t('incidents.quake.threshold')}
              data={SEISMIC_INTENSITIES.map((v) => ({ value: v, label: intensityLabel(v, lang) }))}
              value={form.threshold}
              onChange={(v) => v && setForm({ ...form, threshold: v as SeismicIntensity })}
              allowDeselect={false}
              error={errors.threshold}
              w={180}
            />
            <NumberInput
              label={t('incidents.quake.hold')}
              description={t('incidents.quake.holdHelp')}
              min={0}
              max={QUAKE_MAX_HOLD_MINUTES}
              value={form.holdMinutes}
              onChange={(v) => setForm({ ...form, holdMinutes: typeof v === 'number' ? v : Number(v) || 0 })}
              error={errors.holdMinutes}
              w={220}
            />
          </Group>
          <Radio.Group
            label={t('incidents.quake.sendMode')}
            value={form.sendMode}
            onChange={(v) => setForm({ ...form, sendMode: v as QuakeSendMode })}
            error={errors.sendMode}
          >
            <Stack gap={6} mt={4}>
              {QUAKE_SEND_MODES.map((m) => (
                <Radio key={m} value={m} label={t(`incidents.quake.modes.${m}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            label={t('incidents.quake.feedUrl')}
            description={t('incidents.quake.feedHelp')}
            value={form.feedUrl}
            onChange={(e) => setForm({ ...form, feedUrl: e.currentTarget.value })}
            error={errors.feedUrl}
            inputMode="url"
          />
          {notice && (
            <Text size="sm" role="status">
              {notice}
            </Text>
          )}
          <SubmitRow label={t('incidents.quake.save')} loading={save.isPending} />
        </Stack>
      </form>
      <Stack gap="xs" mt="lg">
        <Title order={3} size="h4">
          {t('incidents.quake.pushTitle')}
        </Title>
        {/* The address comes from the server's BASE_URL: the browser's own address may be a proxy's or localhost. */}
        {s.pushUrl ? (
          <>
            <Text size="sm">{t('incidents.quake.pushHelp')}</Text>
            <Code
              block
              style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
              data-testid="quake-push-url"
            >
              {`POST ${s.pushUrl}\nContent-Type: application/xml\nX-Keizoku-Quake-Token: …`}
            </Code>
            <CopyTextButton
              value={s.pushUrl}
              label={t('incidents.quake.copyPushUrl')}
              size="xs"
              w="fit-content"
            />
          </>
        ) : (
          <Alert color="yellow" title={t('incidents.quake.noBaseUrlTitle')}>
            {t('incidents.quake.noBaseUrl')}
          </Alert>
        )}
        {token && (
          <Alert color="yellow" title={t('incidents.quake.tokenOnce')}>
            <Code style={{ overflowWrap: 'anywhere' }}>{token}</Code>
          </Alert>
        )}
        <Group>
          <Button variant="light" loading={renew.isPending} onClick={() => renew.mutate()}>
            {s.hasPushToken ? t('incidents.quake.renewToken') : t('incidents.quake.makeToken')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
