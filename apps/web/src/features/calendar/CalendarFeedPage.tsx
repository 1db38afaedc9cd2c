/**
 * Calendar feed: private subscription links to my due dates (all my coalitions, or one) for
 * Google Calendar, Apple Calendar or Outlook. A link is shown once, when created; the list shows
 * what each covers and when a calendar last fetched it, with Revoke.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarDays, Check, Copy, Link2, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { MAX_CALENDAR_FEEDS_PER_USER } from '@coalition/domain';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Input } from '../../components/Input.tsx';
import { Card, PageHeader } from '../../components/PageHeader.tsx';
import { Select, type SelectOption } from '../../components/Select.tsx';
import { Alert, EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { formatInstant, formatInstantFull } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCopy } from '../../lib/useCopy.ts';

type Feed = RouterOutputs['calendar']['list'][number];

/** The Select's value for "all my coalitions" (Radix values cannot be ''). */
const ALL = 'all';

export default function CalendarFeedPage() {
  useDocumentTitle('Calendar feed');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.calendar.list.queryKey();
  const feeds = useQuery(trpc.calendar.list.queryOptions());
  const [created, setCreated] = useState<{ url: string; scope: string; feedId: string } | null>(null);
  const [revoking, setRevoking] = useState<Feed | null>(null);
  const revoke = useMutation(trpc.calendar.revoke.mutationOptions());

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Calendar feed"
        description="See the goal dates and milestone due dates of your coalitions in Google Calendar, Apple Calendar or Outlook, with a reminder the day before. Each link is private: anyone who has it can read the dates it covers."
      />

      <CreateFeed
        onCreated={(created) => {
          setCreated(created);
          void queryClient.invalidateQueries({ queryKey: listKey });
        }}
      />

      {created && <NewLink url={created.url} scope={created.scope} onDone={() => setCreated(null)} />}

      <Card
        className="mt-5"
        title="Your calendar links"
        description={`Up to ${MAX_CALENDAR_FEEDS_PER_USER}. A calendar that subscribed to a revoked link stops updating.`}
        bodyClassName="px-4 py-1"
      >
        {feeds.isPending ? (
          <LoadingState rows={3} label="Loading your calendar links…" className="py-3" />
        ) : feeds.isError ? (
          <ErrorState className="my-3" error={feeds.error} onRetry={() => void feeds.refetch()} />
        ) : feeds.data.length === 0 ? (
          <EmptyState
            className="my-3"
            icon={<CalendarDays aria-hidden />}
            title="No calendar links yet"
            description="Create one above, then paste it into your calendar app."
          />
        ) : (
          <ul aria-label="Calendar links" className="divide-y divide-slate-100">
            {feeds.data.map((feed) => (
              <li key={feed.id} className="flex items-center gap-3 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                    <span className="min-w-0 truncate">{scopeOf(feed)}</span>
                    {feed.scope === 'coalition' && feed.coalitionName === null && <Badge tone="amber">No longer a member</Badge>}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    Created <time title={formatInstantFull(feed.createdAt)}>{formatInstant(feed.createdAt)}</time>
                    {' · '}
                    {feed.lastUsedAt === null ? (
                      'not fetched by a calendar yet'
                    ) : (
                      <>
                        last fetched <time title={formatInstantFull(feed.lastUsedAt)}>{formatInstant(feed.lastUsedAt)}</time>
                      </>
                    )}
                  </p>
                </div>
                <Button size="sm" variant="ghost" className="shrink-0" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setRevoking(feed)} aria-label={`Revoke the link for ${scopeOf(feed)}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ConfirmDialog
        open={!!revoking}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke this calendar link?"
        description={revoking ? `${scopeOf(revoking)} · created ${formatInstantFull(revoking.createdAt)}` : undefined}
        confirmLabel="Revoke link"
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync({ feedId: revoking.id });
          queryClient.setQueryData(listKey, (old) => old?.filter((f) => f.id !== revoking.id));
          // The link on show, if it was this one, no longer works.
          if (created?.feedId === revoking.id) setCreated(null);
          toast.success('Calendar link revoked');
        }}
      >
        <p>It stops working at once: calendars subscribed to it get no more updates. This cannot be undone; create a new link if you need one again.</p>
      </ConfirmDialog>
    </div>
  );
}

function scopeOf(feed: Feed): string {
  if (feed.scope === 'all') return 'All my coalitions';
  return feed.coalitionName ?? 'A coalition you have left';
}

function CreateFeed({ onCreated }: { onCreated: (created: { url: string; scope: string; feedId: string }) => void }) {
  const trpc = useTRPC();
  const coalitions = useQuery(trpc.coalition.list.queryOptions());
  const create = useMutation(trpc.calendar.create.mutationOptions());
  const [scope, setScope] = useState<string>(ALL);
  const [problem, setProblem] = useState<string | null>(null);
  const options: SelectOption[] = [
    { value: ALL, label: 'All my coalitions', hint: 'including ones you join later' },
    ...(coalitions.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  const submit = async () => {
    setProblem(null);
    try {
      const result = await create.mutateAsync(scope === ALL ? {} : { coalitionId: scope });
      onCreated({ url: result.url, feedId: result.feed.id, scope: scope === ALL ? 'all your coalitions' : (result.feed.coalitionName ?? 'this coalition') });
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  return (
    <Card title="Create a calendar link">
      <form
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label="Due dates of" className="min-w-0 flex-1" description={coalitions.isError ? 'Could not load your coalitions: only “All my coalitions” is offered.' : undefined}>
          <Select value={scope} onValueChange={setScope} options={options} />
        </Field>
        <Button type="submit" variant="primary" loading={create.isPending} icon={<Link2 aria-hidden className="size-4" />} className="sm:mb-px">
          Create link
        </Button>
      </form>
      {problem && (
        <Alert tone="error" className="mt-3">
          {problem}
        </Alert>
      )}
    </Card>
  );
}

function NewLink({ url, scope, onDone }: { url: string; scope: string; onDone: () => void }) {
  const { copied, copy: copyText } = useCopy();
  const copy = () => copyText(url);
  return (
    <Alert tone="success" className="mt-5" title={`Your calendar link for ${scope}`}>
      <p className="mb-2">Copy it now: it is shown only this once. Keep it to yourself — it needs no password.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input readOnly value={url} aria-label="Calendar link" onFocus={(e) => e.currentTarget.select()} className="min-w-0 font-mono text-xs sm:flex-1" />
        <Button onClick={copy} variant="primary" icon={copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}>
          {copied ? 'Copied' : 'Copy link'}
        </Button>
      </div>
      <p className="mt-3 font-medium">To subscribe, paste the link into your calendar app:</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          <strong>Google Calendar</strong> (on a computer): Other calendars → + → From URL.
        </li>
        <li>
          <strong>Apple Calendar</strong>: File → New Calendar Subscription (iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar).
        </li>
        <li>
          <strong>Outlook</strong>: Add calendar → Subscribe from web.
        </li>
      </ul>
      <p className="mt-2 text-xs">Calendar apps fetch the link on their own schedule (Google: every few hours, up to a day), so changes show up with a delay.</p>
      <Button size="sm" variant="ghost" className="mt-2 -ml-2.5" onClick={onDone}>
        Done, hide the link
      </Button>
    </Alert>
  );
}
