/**
 * A visit's place in today's queue in words (front desk and screening alike), never the FHIR status code; a called
 * visit names the station that called it, so a nurse elsewhere sees where the patient went.
 */
import { useTranslation } from 'react-i18next';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { queueHolder, queueStage } from '../../../sync/model/queueStage.std.js';
import './queueStage.css';

export function QueueStageBadge({ encounter }: { readonly encounter: Pick<EncounterDoc, 'status' | 'extension'> }) {
  const { t } = useTranslation();
  const stage = queueStage(encounter);
  if (stage === null) return null;
  const holder = stage === 'called' ? queueHolder(encounter) : null;
  return (
    <span className={`pill stage stage-${stage}`} data-testid="queue-stage" data-stage={stage}>
      {t(`queue.stage.${stage}`)}
      {holder !== null && ` · ${holder.name}`}
    </span>
  );
}
