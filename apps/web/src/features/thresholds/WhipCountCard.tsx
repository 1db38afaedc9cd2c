/**
 * The whip count of a threshold milestone: progress ("27 of 40 ratifications"), the pace line,
 * and the eligible partners grouped committed / likely / undecided / opposed (columns on wide
 * screens, stacked on a phone), each with its acts. Editors choose the eligible partners and
 * record an act in one or two clicks (the row's button opens the act form with the partner, the
 * act that counts and today filled in).
 */
import { useQuery } from '@tanstack/react-query';
import { Plus, Users } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { WHIP_GROUPS, type ThresholdAct, type WhipGroup } from '@coalition/domain';
import { Alert, Badge, Button, Card, EmptyState, ErrorState, LoadingState, ProgressBar } from '../../components/index.ts';
import { CanEdit, useRole } from '../../lib/coalition.tsx';
import { formatDate } from '../../lib/dates.ts';
import { labelOf, metaOf, TONE_CLASSES, WHIP_GROUP } from '../../lib/labels.ts';
import { cn } from '../../lib/cn.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { actNoun, countLine, paceLine, type ActRow, type Board, type EligibleRow } from './model.ts';

const EligibleDialog = lazy(() => import('./EligibleDialog.tsx'));
const ActDialog = lazy(() => import('./ActDialog.tsx'));

type Editing = { kind: 'eligible' } | { kind: 'act'; partnerId: string | null; act: ActRow | null; preset: ThresholdAct | null };

export function WhipCountCard({ coalitionId, milestoneId }: { coalitionId: string; milestoneId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.threshold.board.queryOptions({ coalitionId, milestoneId }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = () => setEditing(null);

  return (
    <Card title="Whip count" id="milestone-whip-count">
      {q.isPending ? (
        <LoadingState rows={3} label="Loading the whip count…" />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <BoardView board={q.data} onEdit={setEditing} />
      )}
      {editing && q.data && (
        <Suspense fallback={null}>
          {editing.kind === 'eligible' ? (
            <EligibleDialog coalitionId={coalitionId} board={q.data} onClose={close} />
          ) : (
            <ActDialog coalitionId={coalitionId} board={q.data} partnerId={editing.partnerId} act={editing.act} preset={editing.preset} onClose={close} />
          )}
        </Suspense>
      )}
    </Card>
  );
}

function BoardView({ board, onEdit }: { board: Board; onEdit: (e: Editing) => void }) {
  const { canEdit } = useRole();
  const { progress, milestone } = board;
  const noun = actNoun(milestone.thresholdAct, milestone.threshold);
  // Done or dropped without the count (e.g. a template tracking some of the states): no pace to tell.
  const closedByHand = (milestone.status === 'done' || milestone.status === 'dropped') && !progress.reachedOn;
  if (board.eligible.length === 0) {
    return (
      <EmptyState
        icon={<Users aria-hidden className="size-6" />}
        title="No eligible partners yet"
        description={`Choose the partners whose ${noun} count toward ${milestone.threshold}; the board then groups them committed, likely, undecided and opposed.`}
        action={
          canEdit ? (
            <Button variant="primary" onClick={() => onEdit({ kind: 'eligible' })}>
              Choose eligible partners
            </Button>
          ) : undefined
        }
      />
    );
  }
  const byGroup = new Map<WhipGroup, EligibleRow[]>(WHIP_GROUPS.map((g) => [g, []]));
  for (const e of board.eligible) byGroup.get(e.group)!.push(e);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
          <p className="text-lg font-semibold text-slate-900">
            <span data-testid="threshold-count">{countLine(board)}</span> <span className="ml-1 text-sm font-normal text-slate-600">{progress.percent}%</span>
          </p>
          <CanEdit>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" icon={<Users aria-hidden className="size-4" />} onClick={() => onEdit({ kind: 'eligible' })}>
                Eligible partners
              </Button>
              <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => onEdit({ kind: 'act', partnerId: null, act: null, preset: null })}>
                Record an act
              </Button>
            </div>
          </CanEdit>
        </div>
        <ProgressBar value={progress.percent} label={`${milestone.threshold} ${noun}`} valueText={countLine(board)} />
        <p className="text-sm text-slate-700" data-testid="threshold-pace">
          {closedByHand
            ? `The milestone is marked ${milestone.status === 'done' ? 'done' : 'dropped'}; the partners tracked here account for ${progress.count} of the ${milestone.threshold} ${noun}.`
            : paceLine(board)}
        </p>
      </div>
      {board.eligible.length < milestone.threshold && !progress.reachedOn && !closedByHand && (
        <Alert tone="warning">
          Only {board.eligible.length} partners are eligible, fewer than the {milestone.threshold} {noun} needed: add eligible partners or lower the threshold.
        </Alert>
      )}
      <div className="grid items-start gap-3 sm:grid-cols-2 xl:grid-cols-4" role="list" aria-label="Whip count by group">
        {WHIP_GROUPS.map((g) => (
          <GroupColumn key={g} group={g} rows={byGroup.get(g)!} board={board} canEdit={canEdit} onEdit={onEdit} />
        ))}
      </div>
    </div>
  );
}

function GroupColumn({ group, rows, board, canEdit, onEdit }: { group: WhipGroup; rows: EligibleRow[]; board: Board; canEdit: boolean; onEdit: (e: Editing) => void }) {
  const meta = WHIP_GROUP[group];
  const headingId = `whip-${group}`;
  return (
    <section role="listitem" aria-labelledby={headingId} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-slate-50/60">
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2" title={meta.hint}>
        <span aria-hidden className={cn('size-2.5 rounded-full', TONE_CLASSES[meta.tone].dot)} />
        <h3 id={headingId} className="text-sm font-semibold text-slate-800">
          {meta.label}
        </h3>
        <span className="ml-auto text-sm font-semibold tabular-nums text-slate-700" aria-label={`${rows.length} ${meta.label.toLowerCase()}`}>
          {rows.length}
        </span>
      </header>
      {rows.length === 0 ? (
        <p className="px-3 py-3 text-xs text-slate-500">Nobody.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200/70" aria-label={meta.label}>
          {rows.map((row) => (
            <PartnerRow key={row.partnerId} row={row} board={board} canEdit={canEdit} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PartnerRow({ row, board, canEdit, onEdit }: { row: EligibleRow; board: Board; canEdit: boolean; onEdit: (e: Editing) => void }) {
  const act = board.milestone.thresholdAct;
  const hasCounting = row.acts.some((a) => a.act === act);
  // A state's country is usually its name: say it once.
  const sub = [row.country !== row.name ? row.country : '', labelOf('kind', row.kind)].filter(Boolean).join(' · ');
  return (
    <li className="flex flex-col gap-1 px-3 py-2" data-testid="whip-partner">
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-900" title={row.name}>
            {row.name}
          </p>
          <p className="truncate text-xs text-slate-500">
            {sub}
            {row.position !== 'unknown' && <> · {labelOf('position', row.position)}</>}
          </p>
        </div>
        {canEdit && !hasCounting && (
          <Button
            variant="ghost"
            className="shrink-0 px-2 py-1 text-xs"
            onClick={() => onEdit({ kind: 'act', partnerId: row.partnerId, act: null, preset: act })}
            aria-label={`Record the ${actNoun(act, 1)} of ${row.name}`}
          >
            Record
          </Button>
        )}
      </div>
      {row.acts.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label={`Acts of ${row.name}`}>
          {row.acts.map((a) => {
            const meta = metaOf('thresholdAct', a.act);
            const text = `${meta.label} ${formatDate(a.actedOn)}`;
            return (
              <li key={a.id}>
                {canEdit ? (
                  <button
                    type="button"
                    onClick={() => onEdit({ kind: 'act', partnerId: row.partnerId, act: a, preset: null })}
                    className="rounded-full focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600"
                    aria-label={`Edit: ${row.name} ${text.toLowerCase()}`}
                    title={a.note || undefined}
                  >
                    <Badge tone={meta.tone} className="cursor-pointer hover:brightness-95">
                      {text}
                    </Badge>
                  </button>
                ) : (
                  <Badge tone={meta.tone} title={a.note || undefined}>
                    {text}
                  </Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}
