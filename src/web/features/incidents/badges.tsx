import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentMode, RtoState } from '../../../domain/incidents.js';

/** Real or drill, always said: drill records never pass for real ones. */
export function ModeBadge({ mode }: { mode: IncidentMode }) {
  const { t } = useTranslation();
  return (
    <Badge variant={mode === 'drill' ? 'outline' : 'filled'} color={mode === 'drill' ? 'blue.9' : 'red.9'}>
      {t(`incidents.modes.${mode}`)}
    </Badge>
  );
}

const RTO_COLORS: Record<RtoState, string> = {
  recovered: 'green.9',
  on_track: 'blue.9',
  warning: 'orange.9',
  breached: 'red.9',
  no_target: 'gray.7',
};

export function RtoStateBadge({ state }: { state: RtoState }) {
  const { t } = useTranslation();
  return (
    <Badge color={RTO_COLORS[state]} variant={state === 'breached' ? 'filled' : 'light'}>
      {t(`incidents.rtoStates.${state}`)}
    </Badge>
  );
}
