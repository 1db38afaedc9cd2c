import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Copy, MailPlus } from 'lucide-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input } from '../../components/Input.tsx';
import { Card } from '../../components/PageHeader.tsx';
import { Select } from '../../components/Select.tsx';
import { Alert, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { formatInstantFull } from '../../lib/dates.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useZodForm } from '../../lib/forms.ts';
import { INVITATION_STATUS, optionsOf, ROLE } from '../../lib/labels.ts';
import { useNewParam } from '../../lib/newParam.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { zInvitationCreate } from '@coalition/domain';

const schema = zInvitationCreate;

/** Owner only: single-use invitation links (7 days, bound to the invited email). */
export function Invitations({ coalitionId }: { coalitionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.invitation.list.queryKey({ coalitionId });
  const list = useQuery(trpc.invitation.list.queryOptions({ coalitionId }));
  const create = useMutation(trpc.invitation.create.mutationOptions());
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: listKey });
        toast.success('Invitation revoked');
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const [link, setLink] = useState<{ url: string; email: string; emailed: boolean; emailError: string | null } | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useZodForm(schema, { defaultValues: { email: '', role: 'editor' }, draftId: `invite:${coalitionId}` });
  const { errors, isSubmitting } = form.formState;
  // The command palette's "Invite a member" (?new=1): straight to the email field.
  useNewParam(() => form.setFocus('email'));

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      toast.error('Could not copy: select the link and copy it by hand.');
    }
  };

  const pendingFirst = [...(list.data ?? [])].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'));

  return (
    <Card className="mt-5" title="Invite people" description="An invitation link works once, for the email it names, for 7 days.">
      <form
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
        onSubmit={form.submit(async (values) => {
          const result = await create.mutateAsync({ coalitionId, ...values });
          setLink({ url: result.link, email: values.email, emailed: result.emailed, emailError: result.emailError });
          setCopied(false);
          form.reset({ email: '', role: values.role });
          void queryClient.invalidateQueries({ queryKey: listKey });
        })}
      >
        <Field label="Email" error={errors.email?.message} className="flex-1">
          <Input type="email" autoComplete="off" placeholder="name@organisation.org" {...form.register('email')} />
        </Field>
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Field label="Role" error={errors.role?.message} className="sm:w-40">
              <Select value={field.value} onValueChange={field.onChange} onBlur={field.onBlur} options={optionsOf(ROLE)} />
            </Field>
          )}
        />
        <Button type="submit" variant="primary" loading={isSubmitting} icon={<MailPlus aria-hidden className="size-4" />} className="sm:mt-6">
          Invite
        </Button>
      </form>
      <div className="mt-2">
        <FormError form={form} />
      </div>

      {link && (
        <Alert tone="success" className="mt-3" title={link.emailed ? `Invitation sent to ${link.email}` : `Invitation link for ${link.email}`}>
          <p className="mb-2">
            {link.emailed
              ? 'They will find the link in their email. You can also copy it — it is shown only now.'
              : `${link.emailError ?? ''} It is shown only now.`}
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Input readOnly value={link.url} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
            <Button onClick={copy} icon={copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        </Alert>
      )}

      <h3 className="mb-1 mt-5 text-xs font-semibold uppercase tracking-wide text-slate-500">Invitations</h3>
      {list.isPending ? (
        <LoadingState rows={2} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : pendingFirst.length === 0 ? (
        <p className="py-2 text-sm text-slate-500">No invitations yet.</p>
      ) : (
        <ul aria-label="Invitations" className="divide-y divide-slate-100">
          {pendingFirst.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <span className="min-w-0 flex-1 basis-48 truncate font-medium text-slate-800">{inv.email}</span>
              <Badge tone={ROLE[inv.role].tone}>{ROLE[inv.role].label}</Badge>
              <Badge tone={INVITATION_STATUS[inv.status].tone} dot>
                {INVITATION_STATUS[inv.status].label}
              </Badge>
              <span className="text-xs text-slate-500">
                {inv.status === 'pending' ? `expires ${formatInstantFull(inv.expiresAt)}` : `sent ${formatInstantFull(inv.createdAt)}`}
              </span>
              {inv.status === 'pending' && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={revoke.isPending && revoke.variables?.invitationId === inv.id}
                  onClick={() => revoke.mutate({ coalitionId, invitationId: inv.id })}
                  aria-label={`Revoke the invitation for ${inv.email}`}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
