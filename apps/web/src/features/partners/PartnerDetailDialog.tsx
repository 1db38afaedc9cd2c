import { useQuery } from '@tanstack/react-query';
import { Pencil, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Badge, Button, Dialog, ErrorState, LoadingState, StatusBadge, TrackDot } from '../../components/index.ts';
import { CanEdit } from '../../lib/coalition.tsx';
import { plural } from '@coalition/domain';
import { formatDate } from '../../lib/dates.ts';
import { errorCode } from '../../lib/errors.ts';
import { labelOf } from '../../lib/labels.ts';
import { paths } from '../../lib/paths.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { CommentThread } from '../comments/index.ts';
import { InteractionLog } from '../dialogue/index.ts';
import { PartnerPositions } from '../positions/index.ts';
import { QUADRANTS, quadrantOf, SCORE_WORDS, type PartnerDetail } from './model.ts';
import { PartnerHistory } from './PartnerHistory.tsx';
import { StateBadge } from './StateBadge.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** One partner: its fields, tracks with roles, its position over time, the dialogue log, the discussion and the change history. Opened by ?partner=<id>. */
export function PartnerDetailDialog({ coalitionId, partnerId, onClose, onEdit, onDelete }: {
  coalitionId: string;
  partnerId: string;
  onClose: () => void;
  onEdit: (p: PartnerDetail) => void;
  onDelete: (p: PartnerDetail) => void;
}) {
  const trpc = useTRPC();
  const q = useQuery(trpc.partner.get.queryOptions({ coalitionId, partnerId }));
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const members = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const colorOf = new Map(tracks.data?.map((t) => [t.id, t.color]) ?? []);
  const p = q.data;

  let body: ReactNode;
  if (q.isPending) body = <LoadingState rows={6} label="Loading partner…" />;
  else if (q.isError)
    body = (
      <ErrorState
        error={q.error}
        title={errorCode(q.error) === 'NOT_FOUND' ? 'This partner no longer exists' : undefined}
        onRetry={() => void q.refetch()}
      />
    );
  else if (p) {
    const quadrant = QUADRANTS[quadrantOf(p)];
    body = (
      <div className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center gap-1.5">
          <StateBadge isStateActor={p.isStateActor} />
          <StatusBadge of="stage" value={p.stage} />
          <Badge tone="gray" title={quadrant.hint}>
            {quadrant.label}
          </Badge>
        </div>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
          <Item label="Kind">{labelOf('kind', p.kind)}</Item>
          <Item label="Country or region">{p.country || '—'}</Item>
          <Item label="Contact">{p.contact || '—'}</Item>
          <Item label="Influence">
            {p.influence} / 5 <span className="text-slate-500">({SCORE_WORDS[p.influence]})</span>
          </Item>
          <Item label="Interest">
            {p.interest} / 5 <span className="text-slate-500">({SCORE_WORDS[p.interest]})</span>
          </Item>
          <Item label="Contributions">
            {p.contributions.length ? (
              <span className="flex flex-wrap gap-1">
                {p.contributions.map((c) => (
                  <StatusBadge key={c} of="contribution" value={c} />
                ))}
              </span>
            ) : (
              'None recorded'
            )}
          </Item>
          <Item label="Milestones owned">
            {p.ownedMilestones ? (
              <Link href={paths.milestones(coalitionId)} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                {plural(p.ownedMilestones, 'milestone')}
              </Link>
            ) : (
              'None'
            )}
          </Item>
          {p.committedOn && <Item label="Committed since">{formatDate(p.committedOn)}</Item>}
          <Item label="Relationship owner">
            {p.relationshipOwnerId ? (members.data?.find((m) => m.userId === p.relationshipOwnerId)?.name ?? 'A former member') : 'Nobody yet'}
          </Item>
          <Item label="Public page">{p.positionPublic ? 'May name its position' : 'Does not name its position'}</Item>
        </dl>
        {p.notes && (
          <Section title="Notes">
            <p className="whitespace-pre-wrap text-sm text-slate-800">{p.notes}</p>
          </Section>
        )}
        <Section title="Tracks and roles">
          {p.tracks.length === 0 ? (
            <p className="text-sm text-slate-500">
              Not on any track yet. Assign roles in the{' '}
              <Link href={paths.tracks(coalitionId)} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                track matrix
              </Link>
              .
            </p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
              {p.tracks.map((t) => (
                <li key={t.trackId} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                  <span className="flex min-w-0 items-center gap-2">
                    <TrackDot color={colorOf.get(t.trackId) ?? '#94a3b8'} />
                    <span className="truncate text-slate-900">{t.trackName}</span>
                  </span>
                  <StatusBadge of="assignmentRole" value={t.role} />
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Position">
          <PartnerPositions coalitionId={coalitionId} partnerId={p.id} partnerName={p.name} />
        </Section>
        <Section title="Policy dialogue">
          <InteractionLog coalitionId={coalitionId} partnerId={p.id} partnerName={p.name} />
        </Section>
        <div className="border-t border-slate-100 pt-4">
          <CommentThread coalitionId={coalitionId} targetType="partner" targetId={p.id} title="Discussion" />
        </div>
        <Section title="History">
          <PartnerHistory coalitionId={coalitionId} partnerId={p.id} />
        </Section>
      </div>
    );
  }

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      size="lg"
      title={p?.name ?? 'Partner'}
      footer={
        <>
          {p && (
            <CanEdit>
              <Button variant="ghost" className="mr-auto text-red-700 hover:bg-red-50" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => onDelete(p)}>
                Delete
              </Button>
              <Button icon={<Pencil aria-hidden className="size-4" />} onClick={() => onEdit(p)}>
                Edit
              </Button>
            </CanEdit>
          )}
          <Button variant={p ? 'secondary' : 'primary'} onClick={onClose}>
            Close
          </Button>
        </>
      }
    >
      {body}
    </Dialog>
  );
}
