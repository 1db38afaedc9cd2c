import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MessageSquare, Pencil, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { zCommentBody } from '@coalition/domain';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { IconButton } from '../../components/IconButton.tsx';
import { Alert, EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { toast } from '../../components/Toaster.tsx';
import { useMe } from '../../lib/auth.tsx';
import { useRole } from '../../lib/coalition.tsx';
import { formatInstant, formatInstantFull } from '../../lib/dates.ts';
import { useConflictState, useZodForm } from '../../lib/forms.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useUndoToast } from '../../lib/undo.ts';
import { MentionTextarea } from './MentionTextarea.tsx';
import { splitMentions, type MentionMember } from './mentions.ts';

export type CommentTargetType = 'milestone' | 'track' | 'partner' | 'bottleneck';
type CommentRow = RouterOutputs['comment']['list'][number];

export interface CommentThreadProps {
  coalitionId: string;
  targetType: CommentTargetType;
  targetId: string;
  /** Heading level text for the thread (default "Comments"). Rendered as an h3 inside the host's card. */
  title?: string;
}

// The API's own rule for a comment body (one input policy: characters, length in code points).
const bodySchema = z.object({ body: zCommentBody });
type BodyValues = z.input<typeof bodySchema>;

/** Keeps the affected caches right after a comment change: the thread itself, and the history/feeds it shows up in. */
function useCommentCache(coalitionId: string, targetType: CommentTargetType, targetId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.comment.list.queryKey({ coalitionId, targetType, targetId });
  return {
    listKey,
    update(fn: (rows: CommentRow[]) => CommentRow[]) {
      queryClient.setQueryData(listKey, (old) => (old ? fn(old) : old));
    },
    /** The activity log (history panels, dashboard feed) and my mentions inbox got a new row. */
    touchFeeds() {
      void queryClient.invalidateQueries({ queryKey: trpc.activity.list.queryKey({ coalitionId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.activity.list.infiniteQueryKey({ coalitionId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.coalition.dashboard.queryKey({ coalitionId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.comment.mentions.queryKey({ coalitionId }) });
    },
  };
}

/** A comment body with @mentions of known members highlighted. */
export function CommentBody({ body, members }: { body: string; members: readonly MentionMember[] }) {
  const segments = useMemo(() => splitMentions(body, members), [body, members]);
  return (
    <p className="whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : (
          <mark key={i} className="rounded bg-indigo-100 px-0.5 font-medium text-indigo-900" title={`Mentions ${s.name}`}>
            {s.text}
          </mark>
        ),
      )}
    </p>
  );
}

/**
 * The discussion on a milestone, track, partner or bottleneck: list, add (editors), edit and
 * delete your own comments, @-mention autocomplete from the coalition's members.
 */
export function CommentThread({ coalitionId, targetType, targetId, title = 'Comments' }: CommentThreadProps) {
  const trpc = useTRPC();
  const { canEdit } = useRole(coalitionId);
  const me = useMe();
  const list = useQuery(trpc.comment.list.queryOptions({ coalitionId, targetType, targetId }));
  const membersQuery = useQuery(trpc.member.list.queryOptions({ coalitionId }));
  const members = useMemo<MentionMember[]>(() => (membersQuery.data ?? []).map((m) => ({ id: m.userId, name: m.name })), [membersQuery.data]);
  const headingId = `comments-${targetType}-${targetId}`;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h3 id={headingId} className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
        <MessageSquare aria-hidden className="size-4 text-slate-500" />
        {title}
        {list.data && <span className="font-normal text-slate-500">({list.data.length})</span>}
      </h3>
      {list.isPending ? (
        <LoadingState label="Loading comments…" rows={3} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState
          className="py-6"
          title="No comments yet"
          description={canEdit ? 'Start the discussion: type @ to mention a member.' : 'Nobody has commented here yet.'}
        />
      ) : (
        <ol className="flex flex-col gap-2">
          {list.data.map((c) => (
            <CommentItem
              key={c.id}
              comment={c}
              mine={!!me.data && c.author?.id === me.data.id}
              canEdit={canEdit}
              members={members}
              coalitionId={coalitionId}
              targetType={targetType}
              targetId={targetId}
            />
          ))}
        </ol>
      )}
      {canEdit && <AddComment coalitionId={coalitionId} targetType={targetType} targetId={targetId} members={members} />}
    </section>
  );
}

function AddComment({ coalitionId, targetType, targetId, members }: { coalitionId: string; targetType: CommentTargetType; targetId: string; members: readonly MentionMember[] }) {
  const trpc = useTRPC();
  const cache = useCommentCache(coalitionId, targetType, targetId);
  const form = useZodForm(bodySchema, { defaultValues: { body: '' }, draftId: `comment-add:${targetType}:${targetId}` });
  const add = useMutation(
    trpc.comment.add.mutationOptions({
      onSuccess: (row) => {
        cache.update((rows) => (rows.some((r) => r.id === row.id) ? rows : [...rows, row]));
        cache.touchFeeds();
      },
    }),
  );
  const onSubmit = form.submit(async (v) => {
    await add.mutateAsync({ coalitionId, targetType, targetId, body: v.body });
    form.reset({ body: '' });
    toast.success('Comment added');
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      {form.restoredDraft && <p className="text-xs text-slate-500">Restored your unsaved comment.</p>}
      <Controller
        control={form.control}
        name="body"
        render={({ field, fieldState }) => (
          <Field label="Add a comment" error={fieldState.error?.message} description="Type @ to mention a member. Ctrl+Enter posts.">
            <MentionTextarea
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              members={members}
              rows={3}
              placeholder="Share an update, ask a question…"
              onSubmitShortcut={() => void onSubmit()}
            />
          </Field>
        )}
      />
      <FormError form={form} />
      <div className="flex justify-end">
        <Button type="submit" variant="primary" size="sm" loading={form.formState.isSubmitting}>
          Post comment
        </Button>
      </div>
    </form>
  );
}

function CommentItem({
  comment,
  mine,
  canEdit,
  members,
  coalitionId,
  targetType,
  targetId,
}: {
  comment: CommentRow;
  mine: boolean;
  canEdit: boolean;
  members: readonly MentionMember[];
  coalitionId: string;
  targetType: CommentTargetType;
  targetId: string;
}) {
  const trpc = useTRPC();
  const cache = useCommentCache(coalitionId, targetType, targetId);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const del = useMutation(trpc.comment.delete.mutationOptions());
  const undoToast = useUndoToast(coalitionId);
  const edited = comment.updatedAt > comment.createdAt;
  const authorName = comment.author?.name ?? 'Former member';

  return (
    <li className="rounded-lg border border-slate-200 bg-white px-3 py-2.5">
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <span className="text-sm font-semibold text-slate-900">{authorName}</span>
        {mine && <span className="text-xs text-slate-500">(you)</span>}
        <time dateTime={new Date(comment.createdAt).toISOString()} title={formatInstantFull(comment.createdAt)} className="text-xs text-slate-500">
          {formatInstant(comment.createdAt)}
        </time>
        {edited && (
          <span className="text-xs text-slate-500" title={`Edited ${formatInstantFull(comment.updatedAt)}`}>
            · edited
          </span>
        )}
        {mine && canEdit && !editing && (
          <span className="ml-auto flex items-center gap-0.5">
            <IconButton size="sm" label="Edit comment" icon={<Pencil aria-hidden className="size-3.5" />} onClick={() => setEditing(true)} />
            <IconButton size="sm" tone="danger" label="Delete comment" icon={<Trash2 aria-hidden className="size-3.5" />} onClick={() => setConfirmDelete(true)} />
          </span>
        )}
      </div>
      {editing ? (
        <EditComment comment={comment} members={members} coalitionId={coalitionId} targetType={targetType} targetId={targetId} onDone={() => setEditing(false)} />
      ) : (
        <CommentBody body={comment.body} members={members} />
      )}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title="Delete this comment?"
        description="It is removed for everyone. You can undo it from the notice that follows."
        confirmLabel="Delete comment"
        onConfirm={async () => {
          const res = await del.mutateAsync({ coalitionId, commentId: comment.id });
          cache.update((rows) => rows.filter((r) => r.id !== comment.id));
          cache.touchFeeds();
          undoToast({ message: 'Comment deleted', restored: 'Comment restored', undoToken: res.undoToken });
        }}
      />
    </li>
  );
}

function EditComment({
  comment,
  members,
  coalitionId,
  targetType,
  targetId,
  onDone,
}: {
  comment: CommentRow;
  members: readonly MentionMember[];
  coalitionId: string;
  targetType: CommentTargetType;
  targetId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const cache = useCommentCache(coalitionId, targetType, targetId);
  const [version, setVersion] = useState(comment.version);
  const form = useZodForm(bodySchema, { defaultValues: { body: comment.body }, draftId: `comment-edit:${comment.id}` });
  const conflict = useConflictState<{ body: string }>();
  const edit = useMutation(
    trpc.comment.edit.mutationOptions({
      onSuccess: (row) => {
        cache.update((rows) => rows.map((r) => (r.id === row.id ? row : r)));
        cache.touchFeeds();
      },
    }),
  );
  const [applyError, setApplyError] = useState<string | null>(null);

  const save = async (body: string, v: number) => {
    await edit.mutateAsync({ coalitionId, commentId: comment.id, version: v, body });
    toast.success('Comment updated');
    onDone();
  };
  const onSubmit = form.submit((v) => save(v.body, version), { onConflict: conflict.open });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      {form.restoredDraft && <p className="text-xs text-slate-500">Restored your unsaved changes.</p>}
      <Controller
        control={form.control}
        name="body"
        render={({ field, fieldState }) => (
          <Field label="Edit comment" hideLabel error={fieldState.error?.message}>
            <MentionTextarea
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              name={field.name}
              members={members}
              rows={3}
              onSubmitShortcut={() => void onSubmit()}
            />
          </Field>
        )}
      />
      <FormError form={form} />
      <div className="flex justify-end gap-2">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            form.clearDraft();
            onDone();
          }}
        >
          Cancel
        </Button>
        <Button type="submit" size="sm" variant="primary" loading={form.formState.isSubmitting}>
          Save
        </Button>
      </div>
      <ConflictDialog
        open={!!conflict.state}
        onOpenChange={(o) => !o && conflict.close()}
        entity="comment"
        current={conflict.state?.current ?? null}
        mine={conflict.state?.mine ?? null}
        fields={[{ key: 'body', label: 'Comment' }]}
        busy={edit.isPending}
        onApplyMine={async (cur) => {
          setApplyError(null);
          try {
            await save(conflict.state!.mine.body, Number(cur.version));
            conflict.close();
          } catch (e) {
            setApplyError(e instanceof Error ? e.message : 'Could not save');
          }
        }}
        onDiscardMine={(cur) => {
          const body = String(cur.body ?? '');
          cache.update((rows) =>
            rows.map((r) =>
              r.id === comment.id
                ? { ...r, body, version: Number(cur.version), updatedAt: Number(cur.updatedAt ?? r.updatedAt), mentions: (cur.mentions as string[] | undefined) ?? r.mentions }
                : r,
            ),
          );
          setVersion(Number(cur.version));
          form.reset({ body } satisfies BodyValues);
          form.clearDraft();
          conflict.close();
          onDone();
        }}
      />
      {applyError && <Alert tone="error">{applyError}</Alert>}
    </form>
  );
}

export default CommentThread;
