import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/States.tsx';

/** Placeholder: replaced by the real screen (same file, default export). */
export default function SignUpPage() {
  return (
    <>
      <PageHeader title="Sign Up" />
      <EmptyState title="Coming soon" description="This screen is being built." />
    </>
  );
}
