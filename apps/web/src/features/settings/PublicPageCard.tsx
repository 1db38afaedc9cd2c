/**
 * Owners only: publish the coalition's public page (a read-only summary for supporters) under a
 * secret link, copy or open it, publish a new link, or revoke it. As with calendar links, the link
 * is shown once, when it is made (only its hash is kept): afterwards the card says that the page
 * is published, since when and by whom, and a new link can replace the lost one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Copy, ExternalLink, Globe, RefreshCw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/Badge.tsx';
import { Button, buttonClasses } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Input } from '../../components/Input.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { Alert, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { ownChange, useApplyChange } from '../../lib/changes.ts';
import { formatInstantFull } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useCopy } from '../../lib/useCopy.ts';

export function PublicPageCard({ coalitionId, className }: { coalitionId: string; className?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apply = useApplyChange(coalitionId);
  const statusKey = trpc.publicPage.status.queryKey({ coalitionId });
  const status = useQuery(trpc.publicPage.status.queryOptions({ coalitionId }));
  const publish = useMutation(trpc.publicPage.publish.mutationOptions());
  const revoke = useMutation(trpc.publicPage.revoke.mutationOptions());
  /** The link just made, with the publication it belongs to (another owner's new link replaces it). */
  const [made, setMade] = useState<{ url: string; publishedAt: number } | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'revoke' | null>(null);

  const doPublish = async () => {
    const result = await publish.mutateAsync({ coalitionId });
    queryClient.setQueryData(statusKey, result.status);
    apply(ownChange('publicPage.published', coalitionId, [], 'coalition'));
    if (result.status.published) setMade({ url: result.url, publishedAt: result.status.publishedAt });
    toast.success('Public page published: copy its link now');
  };
  const doRevoke = async () => {
    const result = await revoke.mutateAsync({ coalitionId });
    queryClient.setQueryData(statusKey, result);
    apply(ownChange('publicPage.revoked', coalitionId, [], 'coalition'));
    setMade(null);
    toast.success('Public page unpublished: its link no longer works');
  };

  const s = status.data;
  const link = s?.published && made && made.publishedAt === s.publishedAt ? made.url : null;

  return (
    <Card
      className={className}
      title="Public page"
      description="A read-only page of the coalition’s progress, to share with the supporters you want to mobilise. Off until you publish it."
      actions={s?.published ? <Badge tone="green" dot>Published</Badge> : s ? <Badge tone="gray">Not published</Badge> : null}
    >
      {status.isPending ? (
        <LoadingState rows={2} label="Loading the public page’s status…" />
      ) : status.isError ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <div className="flex flex-col gap-4 py-1">
          <WhatIsShown />
          {!s!.published ? (
            <div className="flex flex-col gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-slate-600">Anyone with the link can open the page, without an account. You can revoke it at any time.</p>
              <Button variant="primary" className="shrink-0" loading={publish.isPending} icon={<Globe aria-hidden className="size-4" />} onClick={() => void doPublish().catch((e) => toast.error(errorMessage(e)))}>
                Publish the page
              </Button>
            </div>
          ) : (
            <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
              <p className="text-sm text-slate-700">
                Published <time>{formatInstantFull(s!.publishedAt!)}</time>
                {s!.publishedBy ? ` by ${s!.publishedBy.name}` : ''}.
              </p>
              {link ? (
                <NewLink url={link} />
              ) : (
                <p className="text-sm text-slate-600">
                  The link was shown once, when it was published. To share the page again, publish a new link: the current one then stops working.
                </p>
              )}
              <div className="flex flex-wrap gap-2">
                <Button icon={<RefreshCw aria-hidden className="size-4" />} onClick={() => setConfirming('rotate')}>
                  Publish a new link…
                </Button>
                <Button variant="ghost" icon={<Trash2 aria-hidden className="size-4" />} onClick={() => setConfirming('revoke')}>
                  Revoke link…
                </Button>
              </div>
            </div>
          )}
        </div>
      )}

      <ConfirmDialog
        open={confirming === 'rotate'}
        onOpenChange={(open) => !open && setConfirming(null)}
        title="Publish a new link?"
        tone="primary"
        confirmLabel="Publish new link"
        onConfirm={doPublish}
      >
        <p>The current link stops working at once: whoever has it sees “This page is not available”. Share the new link instead.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'revoke'}
        onOpenChange={(open) => !open && setConfirming(null)}
        title="Revoke the public page’s link?"
        confirmLabel="Revoke link"
        onConfirm={doRevoke}
      >
        <p>The page is unpublished and its link stops working at once. You can publish again later; that makes a new link.</p>
      </ConfirmDialog>
    </Card>
  );
}

function WhatIsShown() {
  return (
    <div className="grid gap-4 text-sm sm:grid-cols-2">
      <div>
        <h3 className="font-medium text-slate-900">What the page shows</h3>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-600">
          <li>The coalition’s name, goal, goal date and countdown</li>
          <li>Progress by track, and overall</li>
          <li>The latest milestones reached and the next ones due (title, date, track)</li>
          <li>Momentum and support growth, as counts</li>
          <li>Partners whose position is marked public: name, kind, country and position</li>
        </ul>
      </div>
      <div>
        <h3 className="font-medium text-slate-900">What it never shows</h3>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-600">
          <li>Members, their names and emails</li>
          <li>Comments, contacts, notes and the dialogue log</li>
          <li>Bottlenecks and the activity log</li>
          <li>Any other partner, or its position</li>
        </ul>
      </div>
    </div>
  );
}

function NewLink({ url }: { url: string }) {
  const { copied, copy: copyText } = useCopy();
  const copy = () => copyText(url);
  return (
    <Alert tone="success" title="Your public page’s link">
      <p className="mb-2">Copy it now: it is shown only this once. Anyone who has it can open the page.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input readOnly value={url} aria-label="Public page link" onFocus={(e) => e.currentTarget.select()} className="min-w-0 font-mono text-xs sm:flex-1" />
        <div className="flex gap-2">
          <Button onClick={copy} variant="primary" icon={copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}>
            {copied ? 'Copied' : 'Copy link'}
          </Button>
          <a href={url} target="_blank" rel="noopener noreferrer" className={buttonClasses('secondary', 'md')}>
            <ExternalLink aria-hidden className="size-4" />
            Open<span className="sr-only"> the public page (new tab)</span>
          </a>
        </div>
      </div>
    </Alert>
  );
}
