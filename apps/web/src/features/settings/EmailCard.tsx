import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EMAIL_MODES, type EmailMode } from '@coalition/domain';
import { Card } from '../../components/PageHeader.tsx';
import { Alert } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

const WORDS: Record<EmailMode, { label: string; hint: string }> = {
  immediate: { label: 'At once', hint: 'An email when someone mentions you or a milestone you are responsible for is due soon.' },
  digest: { label: 'Daily digest', hint: 'One email a day: what changed, what is due in the next 7 days, what is overdue.' },
  none: { label: 'No email', hint: 'Nothing by email; your inbox in the app still has everything.' },
};

/** How I hear of this coalition by email (mine only: every member chooses for themselves). */
export function EmailCard({ coalitionId, className }: { coalitionId: string; className?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.mail.preference.queryKey({ coalitionId });
  const pref = useQuery(trpc.mail.preference.queryOptions({ coalitionId }));
  const set = useMutation(
    trpc.mail.setPreference.mutationOptions({
      onSuccess: (r) => {
        queryClient.setQueryData(key, (old) => (old ? { ...old, mode: r.mode } : old));
        toast.success(`Email: ${WORDS[r.mode].label.toLowerCase()}`);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const mode = pref.data?.mode;
  return (
    <Card className={className} title="Email" description="How you hear of this coalition by email. Only you see this choice.">
      {pref.data && !pref.data.emailEnabled && (
        <Alert tone="info" className="mb-3">
          This server sends no email (it has no mail server set up): your inbox in the app has everything.
        </Alert>
      )}
      <fieldset className="flex flex-col gap-2" disabled={!pref.data || set.isPending}>
        <legend className="sr-only">Email from this coalition</legend>
        {EMAIL_MODES.map((m) => (
          <label key={m} className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-2.5 has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50">
            <input type="radio" name="email-mode" value={m} checked={mode === m} onChange={() => set.mutate({ coalitionId, mode: m })} className="mt-1" />
            <span>
              <span className="block text-sm font-medium text-slate-900">{WORDS[m].label}</span>
              <span className="block text-xs text-slate-600">{WORDS[m].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </Card>
  );
}
