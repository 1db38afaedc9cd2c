import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { Handshake, Plus } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'wouter';
import {
  Button,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  LoadingState,
  PageHeader,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '../../components/index.ts';
import { CanEdit, useCoalition, useCoalitionId, useRole } from '../../lib/coalition.tsx';
import { plural } from '@coalition/domain';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { useNewParam } from '../../lib/newParam.ts';
import { usePartnerCache } from './cache.ts';
import { InfluenceMap } from './InfluenceMap.tsx';
import { toFormValues, type PartnerDetail, type PartnerRow } from './model.ts';
import { PartnerDetailDialog } from './PartnerDetailDialog.tsx';
import { hasFilters, NO_FILTERS, PartnerFilters, type PartnerFilterState } from './PartnerFilters.tsx';
import { PartnerFormDialog, type EditablePartner } from './PartnerFormDialog.tsx';
import { isServerSort, PartnerTable } from './PartnerTable.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useCurrentPositions } from '../positions/index.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; partner: EditablePartner };

function useIsNarrow() {
  const query = '(max-width: 639px)';
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

export default function PartnersPage() {
  const coalitionId = useCoalitionId();
  const { data: coalition } = useCoalition();
  useDocumentTitle('Partners', coalition?.name);
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const cache = usePartnerCache();
  const narrow = useIsNarrow();

  // URL state: ?view=map for the map tab, ?partner=<id> for the detail (deep-linkable).
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'map' ? 'map' : 'table';
  const openPartnerId = params.get('partner');
  const setParam = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const openPartner = useCallback((id: string) => setParam('partner', id), [setParam]);

  // Filters (server-side) and sort.
  const [filters, setFilters] = useState<PartnerFilterState>(NO_FILTERS);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 250);
  const effective = useMemo(() => ({ ...filters, search }), [filters, search]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const sort = sorting[0] ?? { id: 'name', desc: false };

  const listInput = {
    coalitionId,
    ...(effective.kind.length ? { kind: effective.kind } : {}),
    ...(effective.stage.length ? { stage: effective.stage } : {}),
    ...(effective.contribution.length ? { contribution: effective.contribution } : {}),
    ...(effective.trackId ? { trackId: effective.trackId } : {}),
    ...(effective.search ? { search: effective.search } : {}),
    ...(isServerSort(sort.id) ? { sortBy: sort.id, sortDir: sort.desc ? ('desc' as const) : ('asc' as const) } : {}),
  };
  const list = useQuery({ ...trpc.partner.list.queryOptions(listInput), placeholderData: keepPreviousData });
  const tracks = useQuery(trpc.track.list.queryOptions({ coalitionId }));
  const positions = useCurrentPositions(coalitionId);

  const [editing, setEditing] = useState<Editing | null>(null);
  useNewParam(() => setEditing({ mode: 'create' }));
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const remove = useMutation(trpc.partner.delete.mutationOptions());
  const undoToast = useUndoToast(coalitionId);

  const toEditable = (p: PartnerRow | PartnerDetail): EditablePartner => ({ ...toFormValues(p), id: p.id, version: p.version });
  const onEdit = useCallback((p: PartnerRow) => setEditing({ mode: 'edit', partner: toEditable(p) }), []);
  const onDelete = useCallback((p: PartnerRow) => setDeleting({ id: p.id, name: p.name }), []);

  const rows = list.data ?? [];
  const filtered = hasFilters(effective);
  const stateCount = rows.filter((p) => p.isStateActor).length;
  const summary = `${plural(rows.length, 'partner')}${filtered ? ' match' : ''} · ${stateCount} state, ${rows.length - stateCount} non-state`;

  let content: React.ReactNode;
  if (list.isPending) content = <LoadingState rows={8} label="Loading partners…" />;
  else if (list.isError) content = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (rows.length === 0 && !filtered)
    content = (
      <EmptyState
        icon={<Handshake aria-hidden />}
        title="No partners yet"
        description="Partners are the governments, intergovernmental bodies, NGOs, think tanks, foundations and businesses whose ideas, resources, networks and political support the coalition combines. Bring the main players in early."
        action={
          <CanEdit>
            <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing({ mode: 'create' })}>
              Add the first partner
            </Button>
          </CanEdit>
        }
      />
    );
  else if (rows.length === 0)
    content = (
      <EmptyState
        title="No partners match these filters"
        description="Try removing a filter or changing the search."
        action={
          <Button
            onClick={() => {
              setSearchText('');
              setFilters(NO_FILTERS);
            }}
          >
            Clear filters
          </Button>
        }
      />
    );
  else
    content = (
      <Tabs value={view} onValueChange={(v) => setParam('view', v === 'map' ? 'map' : null)}>
        <TabsList label="Partner views">
          <TabsTrigger value="table">Table</TabsTrigger>
          <TabsTrigger value="map">Influence–interest map</TabsTrigger>
        </TabsList>
        <TabsContent value="table">
          <PartnerTable
            rows={rows}
            tracks={tracks.data ?? []}
            positions={positions}
            sorting={sorting}
            onSortingChange={setSorting}
            onOpen={openPartner}
            onEdit={onEdit}
            onDelete={onDelete}
            canEdit={canEdit}
            caption={`Partners: ${summary}. Column headers sort the table.`}
          />
        </TabsContent>
        <TabsContent value="map">
          <InfluenceMap partners={rows} positions={positions} onOpen={openPartner} compact={narrow} />
        </TabsContent>
      </Tabs>
    );

  return (
    <>
      <PageHeader
        title="Partners"
        description="State and non-state actors in the coalition: what they bring, how engaged they are, and where they work."
        actions={
          <CanEdit>
            <Button variant="primary" icon={<Plus aria-hidden className="size-4" />} onClick={() => setEditing({ mode: 'create' })}>
              Add partner
            </Button>
          </CanEdit>
        }
      />
      <div className="mb-4 flex flex-col gap-3">
        <PartnerFilters value={filters} onChange={setFilters} tracks={tracks.data ?? []} searchText={searchText} onSearchText={setSearchText} />
        {list.data && (
          <p role="status" aria-live="polite" className="text-xs text-slate-600">
            {summary}
            {list.isFetching && !list.isPending && <span className="ml-2 text-slate-400">Updating…</span>}
          </p>
        )}
      </div>
      {content}

      {openPartnerId && (
        <PartnerDetailDialog
          coalitionId={coalitionId}
          partnerId={openPartnerId}
          onClose={() => setParam('partner', null)}
          onEdit={(p) => setEditing({ mode: 'edit', partner: toEditable(p) })}
          onDelete={(p) => setDeleting({ id: p.id, name: p.name })}
        />
      )}
      {editing && <PartnerFormDialog partner={editing.mode === 'edit' ? editing.partner : null} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete partner?'}
        description="Its track roles and the discussion about it are removed. Milestones it owns stay, without an owner. You can undo it from the notice that follows."
        confirmLabel="Delete partner"
        onConfirm={async () => {
          if (!deleting) return;
          const res = await remove.mutateAsync({ coalitionId, partnerId: deleting.id });
          cache.deleted(deleting.id);
          if (openPartnerId === deleting.id) setParam('partner', null);
          undoToast({
            message: res.milestonesUnowned
              ? `Deleted “${deleting.name}”; ${plural(res.milestonesUnowned, 'milestone')} now without an owner`
              : `Deleted “${deleting.name}”`,
            restored: `Restored “${deleting.name}”`,
            undoToken: res.undoToken,
          });
        }}
      />
    </>
  );
}
