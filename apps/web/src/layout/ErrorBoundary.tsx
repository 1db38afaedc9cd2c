import { Component, type ReactNode } from 'react';
import { Button } from '../components/Button.tsx';

interface State {
  error: Error | null;
}

/** Catches render errors and failed lazy-chunk loads for one screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(error: Error): State {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Loading chunk|Importing a module script failed/i.test(this.state.error.message);
    return (
      <div role="alert" className="mx-auto my-10 max-w-lg rounded-lg border border-red-200 bg-red-50 p-5 text-sm">
        <p className="font-semibold text-red-900">{chunk ? 'A new version of the app is available' : 'This screen failed to display'}</p>
        <p className="mt-1 text-red-800">{chunk ? 'Reload the page to continue.' : this.state.error.message}</p>
        <div className="mt-3 flex gap-2">
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
          {!chunk && (
            <Button size="sm" variant="ghost" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
          )}
        </div>
      </div>
    );
  }
}
