import { useMutation } from '@tanstack/react-query';
import { Link, Redirect, useSearch } from 'wouter';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormError.tsx';
import { Input } from '../../components/Input.tsx';
import { Alert } from '../../components/States.tsx';
import { useMe } from '../../lib/auth.tsx';
import { useZodForm } from '../../lib/forms.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { zSignIn } from '@coalition/domain';
import { AuthLayout } from './AuthLayout.tsx';
import { useAfterSignIn, useNextPath } from './useAfterSignIn.ts';

const schema = zSignIn;

export default function SignInPage() {
  useDocumentTitle('Sign in');
  const trpc = useTRPC();
  const me = useMe();
  const next = useNextPath();
  const search = useSearch();
  const afterSignIn = useAfterSignIn();
  const form = useZodForm(schema, { defaultValues: { email: '', password: '' } });
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  // Already signed in (e.g. opened from the "session expired" banner in another tab after signing in).
  if (me.data && !isSubmitting && !signIn.isSuccess) return <Redirect to={next} replace />;

  const returning = next !== '/';
  const signUpHref = `/sign-up${search ? `?${search}` : ''}`;
  return (
    <AuthLayout
      title="Sign in"
      subtitle={returning ? 'Sign in to continue where you left off.' : 'Welcome back to your coalition workspace.'}
      footer={
        <>
          New here?{' '}
          <Link href={signUpHref} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.submit(async (values) => {
          const user = await signIn.mutateAsync(values);
          afterSignIn(user);
        })}
      >
        {returning && !errors.root && (
          <Alert tone="info">Your work is kept: after signing in you will return to the page you were on.</Alert>
        )}
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" inputMode="email" autoFocus {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <FormError form={form} />
        <Button type="submit" variant="primary" loading={isSubmitting} className="w-full">
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
