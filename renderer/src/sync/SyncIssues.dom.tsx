/** What replication could not do on its own: conflicts the rules cannot settle, and records central refused, with reasons. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictItem, Rejection } from '../../../electron/contract/sync.std.js';
import { absoluteTime, type UiLanguage } from './timeText.std.js';

interface IssueCardProps {
  readonly testId: string;
  readonly title: string;
  readonly empty: string;
  readonly headers: readonly string[];
  readonly count: number;
  readonly children: ReactNode;
}

function IssueCard({ testId, title, empty, headers, count, children }: IssueCardProps) {
  return (
    // Full width once there is something to read: ids and central's reasons are long.
    <div className={count === 0 ? 'card' : 'card wide'} data-testid={testId}>
      <h3>
        {title} <span className="count">{count}</span>
      </h3>
      {count === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="sync-table">
          <thead>
            <tr>
              {headers.map((header) => (
                <th key={header}>{header}</th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </div>
  );
}

export function ConflictList({ conflicts }: { readonly conflicts: readonly ConflictItem[] }) {
  const { t } = useTranslation();
  return (
    <IssueCard
      testId="sync-conflicts"
      title={t('sync.conflicts')}
      empty={t('sync.conflictsNone')}
      headers={[t('sync.record'), t('sync.reason')]}
      count={conflicts.length}
    >
      {conflicts.map((conflict) => (
        <tr key={conflict.id} data-testid="sync-conflict-row">
          <td className="mono id">{conflict.id}</td>
          <td>
            {t(`sync.conflictReason.${conflict.reason}`, { defaultValue: conflict.reason })}
            <span className="muted small"> · {conflict.revs.length} rev</span>
          </td>
        </tr>
      ))}
    </IssueCard>
  );
}

export function RejectionList({
  rejections,
  language,
}: {
  readonly rejections: readonly Rejection[];
  readonly language: UiLanguage;
}) {
  const { t } = useTranslation();
  return (
    <IssueCard
      testId="sync-rejections"
      title={t('sync.rejections')}
      empty={t('sync.rejectionsNone')}
      headers={[t('sync.record'), t('sync.reason'), t('sync.when')]}
      count={rejections.length}
    >
      {rejections.map((rejection) => (
        <tr key={rejection.id} data-testid="sync-rejection-row">
          <td className="mono id">{rejection.id}</td>
          <td>
            {rejection.status === null ? '' : <span className="mono">HTTP {rejection.status} </span>}
            {/* Central's own words (validate_doc_update), in English as central wrote them. */}
            <span lang="en">{rejection.reason}</span>
          </td>
          <td className="mono when">{absoluteTime(rejection.at, language)}</td>
        </tr>
      ))}
    </IssueCard>
  );
}
