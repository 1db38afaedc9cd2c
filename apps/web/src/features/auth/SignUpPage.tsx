import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Redirect, useSearch } from 'wouter';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input } from '../../components/Input.tsx';
import { useMe } from '../../lib/auth.tsx';
import { useZodForm } from '../../lib/forms.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { PASSWORD_MIN, zSignUp } from '@coalition/domain';
import { AuthLayout } from './AuthLayout.tsx';
import { useAfterSignIn, useNextPath } from './useAfterSignIn.ts';

const schema = zSignUp;

export default function SignUpPage() {
  useDocumentTitle('Create an account');
  const trpc = useTRPC();
  const me = useMe();
  const next = useNextPath();
  const search = useSearch();
  const afterSignIn = useAfterSignIn();
  const form = useZodForm(schema, { defaultValues: { name: '', email: '', password: '' } });
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  // Coming from an invitation (next=/invite/<token>): the invited email is filled in.
  const inviteToken = /^\/invite\/([a-z2-7]{16,64})$/.exec(next)?.[1];
  const invitation = useQuery(trpc.invitation.preview.queryOptions({ token: inviteToken ?? '' }, { enabled: !!inviteToken, retry: false }));
  const invitedEmail = invitation.data?.status === 'pending' ? invitation.data.email : null;
  useEffect(() => {
    if (invitedEmail && !form.getValues('email')) form.setValue('email', invitedEmail);
  }, [invitedEmail, form]);

  if (me.data && !isSubmitting && !signUp.isSuccess) return <Redirect to={next} replace />;

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start planning with your coalition in a minute."
      footer={
        <>
          Already have an account?{' '}
          <Link href={`/sign-in${search ? `?${search}` : ''}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.submit(async (values) => {
          const user = await signUp.mutateAsync(values);
          afterSignIn(user);
        })}
      >
        <Field label="Your name" error={errors.name?.message} description="Shown to the people you plan with.">
          <Input autoComplete="name" autoFocus {...form.register('name')} />
        </Field>
        <Field label="Email" error={errors.email?.message} description={invitedEmail ? 'The address your invitation was sent to.' : undefined}>
          <Input type="email" autoComplete="email" inputMode="email" {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message} description={`At least ${PASSWORD_MIN} characters.`}>
          <Input type="password" autoComplete="new-password" {...form.register('password')} />
        </Field>
        <FormError form={form} />
        <Button type="submit" variant="primary" loading={isSubmitting} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
