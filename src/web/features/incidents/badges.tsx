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
  // Light badges take the theme's darkened text; the filled one a dark red for white text (4.5:1).
  recovered: 'green',
  on_track: 'blue',
  warning: 'orange',
  breached: 'red.9',
  no_target: 'gray',
};

export function RtoStateBadge({ state }: { state: RtoState }) {
  const { t } = useTranslation();
  return (
    <Badge color={RTO_COLORS[state]} variant={state === 'breached' ? 'filled' : 'light'}>
      {t(`incidents.rtoStates.${state}`)}
    </Badge>
  );
}
