import { CalendarClock, GanttChart, List, Plus } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadingState } from '../../components/States.tsx';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/Tabs.tsx';
import { CanEdit, useCoalition, useCoalitionId } from '../../lib/coalition.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNewParam } from '../../lib/newParam.ts';
import { lazyWithPreload } from '../../lib/prefetch.ts';
import type { CreateMilestoneDialogProps } from './CreateMilestoneDialog.tsx';
import { MilestoneFiltersBar } from './Filters.tsx';
import { MilestoneList } from './MilestoneList.tsx';
import { useMilestoneFilters, type View } from './useMilestoneFilters.ts';

const MilestoneTimeline = lazy(() => import('./MilestoneTimeline.tsx'));
const SlipsList = lazy(() => import('./SlipsList.tsx'));
// The form (react-hook-form, zod, the fields) is not needed to read the list: its code loads when
// the dialog first opens, or earlier when the pointer or focus reaches the button.
const CreateMilestoneDialog = lazyWithPreload<CreateMilestoneDialogProps>(() => import('./CreateMilestoneDialog.tsx').then((m) => ({ default: m.CreateMilestoneDialog })));

/** Milestones: a filtered, virtualized list, a Gantt timeline and the slips against a baseline (?view=list|timeline|slips). */
export default function MilestonesPage() {
  const coalitionId = useCoalitionId();
  const coalition = useCoalition();
  useDocumentTitle('Milestones', coalition.data?.name);
  const { filters, set, clear, activeCount } = useMilestoneFilters();
  const [createOpen, setCreateOpen] = useState(false);
  const [createMounted, setCreateMounted] = useState(false);
  const openCreate = () => {
    setCreateMounted(true);
    setCreateOpen(true);
  };
  useNewParam(openCreate);

  return (
    <>
      <PageHeader
        title="Milestones"
        description="Clear, near-term interim steps toward the goal. Each one reached builds momentum."
        actions={
          <CanEdit>
            <Button
              variant="primary"
              icon={<Plus aria-hidden className="size-4" />}
              onClick={openCreate}
              onPointerEnter={() => void CreateMilestoneDialog.preload()}
              onFocus={() => void CreateMilestoneDialog.preload()}
            >
              New milestone
            </Button>
          </CanEdit>
        }
      />
      <Tabs value={filters.view} onValueChange={(v) => set({ view: v as View })}>
        <TabsList label="Milestone views">
          <TabsTrigger value="list">
            <List aria-hidden className="size-4" /> List
          </TabsTrigger>
          <TabsTrigger value="timeline">
            <GanttChart aria-hidden className="size-4" /> Timeline
          </TabsTrigger>
          <TabsTrigger value="slips">
            <CalendarClock aria-hidden className="size-4" /> Slips
          </TabsTrigger>
        </TabsList>
        <TabsContent value="list">
          <MilestoneFiltersBar coalitionId={coalitionId} filters={filters} set={set} clear={clear} activeCount={activeCount} />
          <MilestoneList coalitionId={coalitionId} filters={filters} onCreate={openCreate} onClearFilters={clear} onShowClosed={(closed) => set({ closed })} activeFilters={activeCount} />
        </TabsContent>
        <TabsContent value="timeline">
          <Suspense fallback={<LoadingState label="Loading the timeline…" rows={8} />}>
            <MilestoneTimeline coalitionId={coalitionId} zoom={filters.zoom} onZoom={(zoom) => set({ zoom })} onCreate={openCreate} />
          </Suspense>
        </TabsContent>
        <TabsContent value="slips">
          <Suspense fallback={<LoadingState label="Loading the slips…" rows={4} />}>
            <SlipsList coalitionId={coalitionId} />
          </Suspense>
        </TabsContent>
      </Tabs>
      {createMounted && (
        <Suspense fallback={null}>
          <CreateMilestoneDialog
            coalitionId={coalitionId}
            open={createOpen}
            onOpenChange={setCreateOpen}
            defaults={filters.track !== 'all' && filters.track !== 'none' ? { trackId: filters.track } : undefined}
          />
        </Suspense>
      )}
    </>
  );
}
